package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Decision;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.fgap.UserAdministration;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Set;

/**
 * What the API answers and takes: plain JSON shapes, built from the domain values. The inputs are read
 * by {@code StrictJson}; each takes the representation {@code GET} returns, whose read-only fields
 * ({@code everyone}, {@code memberCount}, {@code builtIn}) are accepted and ignored.
 */
public final class Representations {

    private Representations() {
    }

    /** The body of {@code POST /roles} and {@code PUT /roles/{id}}. */
    @JsonIgnoreProperties({"everyone", "memberCount"})
    public record RoleInput(String id, String name, String description, Integer position, String color, String icon,
                            List<String> permissions) {
    }

    /** One item of {@code PUT /roles/positions}. */
    public record MoveInput(String id, Integer position) {
    }

    /** The body of {@code POST /visual-roles} and {@code PUT /visual-roles/{id}}. */
    @JsonIgnoreProperties({"memberCount"})
    public record VisualRoleInput(String id, String name, String description, Integer position, String color, String icon) {
    }

    /** The body of {@code POST /permissions} and {@code PUT /permissions/{id}}. */
    @JsonIgnoreProperties({"builtIn"})
    public record PermissionInput(String id, String name, String description) {
    }

    public record PermissionRep(String id, String name, String description, boolean builtIn) {
        static PermissionRep of(Permission p) {
            return new PermissionRep(p.id(), p.name(), p.description(), p.builtIn());
        }
    }

    /** An admin role; {@code memberCount} is filled where it is cheap (lists and single reads). */
    public record RoleRep(String id, String name, String description, int position, String color, String icon,
                          List<String> permissions, boolean everyone, Long memberCount) {
        static RoleRep of(AdminRole r, Long memberCount) {
            return new RoleRep(r.id(), r.name(), r.description(), r.position(), r.color(), r.icon(),
                    List.copyOf(r.permissions()), r.isEveryone(), memberCount);
        }
    }

    public record VisualRoleRep(String id, String name, String description, int position, String color, String icon,
                                Long memberCount) {
        static VisualRoleRep of(VisualRole v, Long memberCount) {
            return new VisualRoleRep(v.id(), v.name(), v.description(), v.position(), v.color(), v.icon(), memberCount);
        }
    }

    /** {@code GET /organizations}: an organization whose ladder the caller may pick. */
    public record OrganizationRep(String id, String alias, String name) {
        static OrganizationRep of(OrganizationModel o) {
            return new OrganizationRep(o.getId(), o.getAlias(), o.getName());
        }
    }

    public record UserRep(String id, String username, String email, String firstName, String lastName) {
        static UserRep of(UserModel u) {
            return new UserRep(u.getId(), u.getUsername(), u.getEmail(), u.getFirstName(), u.getLastName());
        }
    }

    /**
     * {@code GET /users/{id}/permissions}; {@code timedOutUntil} (ISO-8601) while a time-out holds,
     * during which {@code permissions} are {@code @everyone}'s only.
     */
    public record AccessRep(Set<String> permissions, int highestPosition, boolean owner, String timedOutUntil) {
    }

    /** {@code GET /me}: the access of the caller plus what they hold. */
    public record MeRep(String userId, String username, Set<String> permissions, int highestPosition, boolean owner,
                        String timedOutUntil, List<RoleRep> roles, List<VisualRoleRep> visualRoles) {
    }

    /**
     * The decision endpoints for applications; {@code timedOutUntil} of the user the decision is
     * about, while a time-out takes their permissions away.
     */
    public record DecisionRep(boolean allowed, String reason, String refusal, String timedOutUntil) {
        static DecisionRep of(Decision d, Timeout timeout) {
            return new DecisionRep(d.allowed(), d.reason(), d.allowed() ? null : d.refusal().code(), until(timeout));
        }
    }

    /** The body of {@code POST /users/{id}/disable}, {@code /enable} and {@code /logout}. */
    public record ReasonInput(String reason) {
    }

    /** What {@code GET /user-administration} shows: the switch, its settings and what it consists of in Keycloak. */
    public record UserAdministrationRep(boolean enabled, boolean adminPermissionsEnabled, List<String> scopes,
                                        List<String> permissions, String policyId, String permissionId, String consoleRole) {
        static UserAdministrationRep of(UserAdministration.State state) {
            return new UserAdministrationRep(state.enabled(), state.adminPermissionsEnabled(), List.copyOf(state.scopes()),
                    List.copyOf(state.permissions()), state.policyId(), state.permissionId(), state.consoleRole());
        }
    }

    /** The body of {@code PUT /users/{id}/timeout}. */
    public record TimeoutInput(String until, String reason) {
    }

    /** A time-out: when it ends (ISO-8601, UTC) and why. */
    public record TimeoutRep(String until, String reason) {
        static TimeoutRep of(Timeout timeout) {
            return new TimeoutRep(Representations.until(timeout), timeout.reason());
        }
    }

    static String until(Timeout timeout) {
        return timeout == null ? null : timeout.until().toString();
    }
}
