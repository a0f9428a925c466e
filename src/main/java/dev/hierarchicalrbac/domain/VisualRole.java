package dev.hierarchicalrbac.domain;

/** A cosmetic label (Friend, VIP, ...). Its position is display order only and carries no authority. */
public record VisualRole(String id, String name, String description, int position, String color, String icon) {
}
