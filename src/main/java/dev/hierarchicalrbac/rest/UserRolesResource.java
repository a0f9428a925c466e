package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.SetChange;
import dev.hierarchicalrbac.rest.Representations.AccessRep;
import dev.hierarchicalrbac.rest.Representations.DecisionRep;
import dev.hierarchicalrbac.rest.Representations.RoleRep;
import dev.hierarchicalrbac.transfer.StrictJson;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A user's admin roles in one ladder, their access there and decisions about them:
 * {@code /users/{userId}/…} of the realm (through {@link UserAssignmentsResource}, which adds what
 * belongs to the realm alone) and {@code /organizations/{orgId}/users/{userId}/…}, judged by the
 * request's ladder ({@link RequestContext#ladder}). Not final for that one subclass: JAX-RS finds
 * the inherited resource methods, so both paths share one implementation.
 */
@Produces(MediaType.APPLICATION_JSON)
public class UserRolesResource {

    static final String ASSIGNMENT_EVENT = "RBAC_ASSIGNMENT";

    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };

    final RequestContext ctx;
    final String userId;

    UserRolesResource(RequestContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    // --- admin roles ----------------------------------------------------------------------

    @GET
    @Path("roles")
    public Response roles() {
        UserModel user = readableUser();
        return Response.ok(ctx.store().rolesOf(ctx.realm(), ctx.ladder(), user.getId()).stream()
                .map(r -> RoleRep.of(r, null)).toList()).build();
    }

    /** Replaces the user's set of admin roles: every role added or removed is judged, then all apply. */
    @PUT
    @Path("roles")
    public Response replaceRoles(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        Set<String> wanted = ids(contentType, body, "roles");
        UserModel user = readableUser();
        List<AdminRole> heldRoles = ctx.store().rolesOf(ctx.realm(), ctx.ladder(), user.getId());
        Map<String, AdminRole> byId = new LinkedHashMap<>();
        heldRoles.forEach(r -> byId.put(r.id(), r));
        wanted.stream().filter(id -> !byId.containsKey(id)).forEach(id -> byId.put(id, ctx.role(id)));
        SetChange<AdminRole> change = SetChange.of(heldRoles, wanted.stream().map(byId::get).toList());
        ctx.require(Hierarchy.canReplaceRoles(ctx.caller(), ctx.target(user),
                Stream.concat(change.added().stream(), change.removed().stream()).toList()));
        if (!change.added().isEmpty()) {
            ctx.requireMember(user);
        }
        change.added().forEach(role -> ctx.store().assignRole(ctx.realm(), ctx.ladder(), user.getId(), role.id()));
        change.removed().forEach(role -> ctx.store().unassignRole(ctx.realm(), ctx.ladder(), user.getId(), role.id()));
        // The new set is known without asking the store again: once this session has written,
        // the store reads every admin role of the realm (with its permissions) from the database.
        List<RoleRep> now = wanted.stream().map(byId::get)
                .sorted(Comparator.comparingInt(AdminRole::position).reversed())
                .map(r -> RoleRep.of(r, null)).toList();
        if (!change.isEmpty()) {
            ctx.event(ASSIGNMENT_EVENT, OperationType.UPDATE, "users/" + user.getId() + "/roles", now);
        }
        return Response.ok(now).build();
    }

    @PUT
    @Path("roles/{roleId}")
    public Response assignRole(@PathParam("roleId") String roleId) {
        return changeRole(roleId, true);
    }

    @DELETE
    @Path("roles/{roleId}")
    public Response unassignRole(@PathParam("roleId") String roleId) {
        return changeRole(roleId, false);
    }

    /** One assignment on or off: the same rule both ways (design §3), idempotent. */
    private Response changeRole(String roleId, boolean assign) {
        UserModel user = readableUser();
        AdminRole role = ctx.role(roleId);
        ctx.require(Hierarchy.canAssignRole(ctx.caller(), role, ctx.target(user)));
        if (assign) {
            ctx.requireMember(user);
        }
        boolean changed = assign ? ctx.store().assignRole(ctx.realm(), ctx.ladder(), user.getId(), roleId)
                : ctx.store().unassignRole(ctx.realm(), ctx.ladder(), user.getId(), roleId);
        if (changed) {
            ctx.event(ASSIGNMENT_EVENT, assign ? OperationType.CREATE : OperationType.DELETE,
                    "users/" + user.getId() + "/roles/" + roleId, RoleRep.of(role, null));
        }
        return Response.noContent().build();
    }

    // --- access and decisions -------------------------------------------------------------

    /** {@code {"permissions": [...], "highestPosition": n, "owner": bool}}. */
    @GET
    @Path("permissions")
    public Response permissions() {
        UserModel user = readableUser();
        Actor subject = ctx.actorFor(user);
        return Response.ok(new AccessRep(subject.permissions(), subject.highestPosition(), subject.owner(),
                Representations.until(ctx.timeout(user)))).build();
    }

    /** May this user manage (edit) that role? For applications that want the server's answer. */
    @GET
    @Path("can-manage/roles/{roleId}")
    public Response canManageRole(@PathParam("roleId") String roleId) {
        UserModel user = readableUser();
        AdminRole role = ctx.role(roleId);
        return Response.ok(DecisionRep.of(Hierarchy.canManageRole(ctx.actorFor(user), role), ctx.timeout(user))).build();
    }

    /**
     * May this user manage that user (strictly below, not an owner)? The answer tells about the
     * target, so the caller must be allowed to read the target first: a caller who may not read other
     * users gets the same refusal for every target, one that exists, an owner, or none at all.
     */
    @GET
    @Path("can-manage/users/{targetId}")
    public Response canManageUser(@PathParam("targetId") String targetId) {
        UserModel user = readableUser();
        ctx.require(Hierarchy.canReadUser(ctx.caller(), targetId, ctx.callerCanViewUsers()));
        UserModel target = ctx.user(targetId);
        return Response.ok(DecisionRep.of(Hierarchy.canManageUser(ctx.actorFor(user), ctx.target(target)), ctx.timeout(user))).build();
    }

    /**
     * Own data is readable by anyone; another user's needs manage_roles, manage_users or view-users.
     * Judged before the id is looked up, so a caller who may not read others learns nothing of them.
     */
    final UserModel readableUser() {
        ctx.require(Hierarchy.canReadUser(ctx.caller(), userId, ctx.callerCanViewUsers()));
        return ctx.user(userId);
    }

    /**
     * A JSON array of ids; duplicates are harmless (assignments are a set). An item that is not an id
     * is refused naming the set it was meant for ({@code roles}, {@code visualRoles}).
     */
    static Set<String> ids(String contentType, String body, String field) {
        List<String> ids;
        try {
            ids = StrictJson.array(contentType, body, IDS);
        } catch (RbacException e) {
            throw e.field() == null ? e : RbacException.invalid(field, field + " must be an array of ids (strings).");
        }
        if (ids.contains(null)) {
            throw RbacException.invalid(field, field + " must be an array of ids (strings).");
        }
        return new LinkedHashSet<>(ids);
    }
}
