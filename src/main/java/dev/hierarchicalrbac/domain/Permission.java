package dev.hierarchicalrbac.domain;

/** A named capability of a realm's catalogue, e.g. {@code manage_users} or {@code edit_recipes}. */
public record Permission(String id, String name, String description, boolean builtIn) {
}
