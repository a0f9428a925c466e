package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration of a realm as one document (design §6): by name, never by id, so it moves
 * between realms and environments. Lists are in a stable order so that two exports of the same state
 * are byte-identical.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"permissions", "roles", "visualRoles", "assignments", "organizations"})
public record ConfigDocument(List<PermissionEntry> permissions, List<RoleEntry> roles, List<VisualRoleEntry> visualRoles,
                             Map<String, UserEntry> assignments, Map<String, OrganizationEntry> organizations) {

    /** A permission of the catalogue; built-ins may appear to carry their (editable) description. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description"})
    public record PermissionEntry(String name, String description) {
    }

    /** An admin role; {@code @everyone} appears at position 0 with its permissions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "position", "color", "icon", "permissions"})
    public record RoleEntry(String name, String description, Integer position, String color, String icon,
                            List<String> permissions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "position", "color", "icon"})
    public record VisualRoleEntry(String name, String description, Integer position, String color, String icon) {
    }

    /** One user's assignments, by role names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"roles", "visualRoles"})
    public record UserEntry(List<String> roles, List<String> visualRoles) {
    }

    /**
     * One organization's ladder (design §10), keyed in the document by the organization's alias (an
     * id would not survive a move to another environment). Its roles are shaped like the realm's,
     * {@code @everyone} included; owners and assignments name users by username.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"roles", "owners", "assignments"})
    public record OrganizationEntry(List<RoleEntry> roles, List<String> owners, Map<String, OrganizationUserEntry> assignments) {
    }

    /** One member's roles in an organization's ladder; visual roles are the realm's and live in {@link UserEntry}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationUserEntry(List<String> roles) {
    }
}
