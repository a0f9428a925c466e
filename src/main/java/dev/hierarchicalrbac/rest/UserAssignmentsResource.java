package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.SetChange;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.rest.Representations.AccessRep;
import dev.hierarchicalrbac.rest.Representations.DecisionRep;
import dev.hierarchicalrbac.rest.Representations.ReasonInput;
import dev.hierarchicalrbac.rest.Representations.RoleRep;
import dev.hierarchicalrbac.rest.Representations.TimeoutInput;
import dev.hierarchicalrbac.rest.Representations.TimeoutRep;
import dev.hierarchicalrbac.rest.Representations.VisualRoleRep;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.transfer.StrictJson;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code /users/{userId}/…}: one user's admin roles, visual roles, access, decisions about them, and
 * their moderation (ban, kick, time-out).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class UserAssignmentsResource {

    static final String ASSIGNMENT_EVENT = "RBAC_ASSIGNMENT";
    static final String VISUAL_ASSIGNMENT_EVENT = "RBAC_VISUAL_ASSIGNMENT";
    static final String MODERATION_EVENT = "RBAC_MODERATION";

    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };

    private final RequestContext ctx;
    private final String userId;

    UserAssignmentsResource(RequestContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    // --- admin roles ----------------------------------------------------------------------

    @GET
    @Path("roles")
    public Response roles() {
        UserModel user = readableUser();
        return Response.ok(ctx.store().rolesOf(ctx.realm(), user.getId()).stream()
                .map(r -> RoleRep.of(r, null)).toList()).build();
    }

    /** Replaces the user's set of admin roles: every role added or removed is judged, then all apply. */
    @PUT
    @Path("roles")
    public Response replaceRoles(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        Set<String> wanted = ids(contentType, body, "roles");
        UserModel user = readableUser();
        List<AdminRole> heldRoles = ctx.store().rolesOf(ctx.realm(), user.getId());
        Map<String, AdminRole> byId = new LinkedHashMap<>();
        heldRoles.forEach(r -> byId.put(r.id(), r));
        wanted.stream().filter(id -> !byId.containsKey(id)).forEach(id -> byId.put(id, ctx.role(id)));
        SetChange<AdminRole> change = SetChange.of(heldRoles, wanted.stream().map(byId::get).toList());
        ctx.require(Hierarchy.canReplaceRoles(ctx.caller(), ctx.target(user),
                Stream.concat(change.added().stream(), change.removed().stream()).toList()));
        change.added().forEach(role -> ctx.store().assignRole(ctx.realm(), user.getId(), role.id()));
        change.removed().forEach(role -> ctx.store().unassignRole(ctx.realm(), user.getId(), role.id()));
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
        boolean changed = assign ? ctx.store().assignRole(ctx.realm(), user.getId(), roleId)
                : ctx.store().unassignRole(ctx.realm(), user.getId(), roleId);
        if (changed) {
            ctx.event(ASSIGNMENT_EVENT, assign ? OperationType.CREATE : OperationType.DELETE,
                    "users/" + user.getId() + "/roles/" + roleId, RoleRep.of(role, null));
        }
        return Response.noContent().build();
    }

    // --- visual roles ---------------------------------------------------------------------

    @GET
    @Path("visual-roles")
    public Response visualRoles() {
        UserModel user = readableUser();
        return Response.ok(ctx.store().visualRolesOf(ctx.realm(), user.getId()).stream()
                .map(v -> VisualRoleRep.of(v, null)).toList()).build();
    }

    @PUT
    @Path("visual-roles")
    public Response replaceVisualRoles(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        Set<String> wanted = ids(contentType, body, "visualRoles");
        UserModel user = readableUser();
        wanted.forEach(ctx::visualRole);
        SetChange<String> change = SetChange.of(
                ctx.store().visualRolesOf(ctx.realm(), user.getId()).stream().map(VisualRole::id).toList(), wanted);
        // Judged even when nothing would change, so the answer never depends on the current set.
        ctx.require(Hierarchy.canAssignVisualRole(ctx.caller(), ctx.target(user)));
        change.added().forEach(id -> ctx.store().assignVisualRole(ctx.realm(), user.getId(), id));
        change.removed().forEach(id -> ctx.store().unassignVisualRole(ctx.realm(), user.getId(), id));
        List<VisualRoleRep> now = ctx.store().visualRolesOf(ctx.realm(), user.getId()).stream()
                .map(v -> VisualRoleRep.of(v, null)).toList();
        if (!change.isEmpty()) {
            ctx.event(VISUAL_ASSIGNMENT_EVENT, OperationType.UPDATE, "users/" + user.getId() + "/visual-roles", now);
        }
        return Response.ok(now).build();
    }

    @PUT
    @Path("visual-roles/{visualRoleId}")
    public Response assignVisualRole(@PathParam("visualRoleId") String visualRoleId) {
        return changeVisualRole(visualRoleId, true);
    }

    @DELETE
    @Path("visual-roles/{visualRoleId}")
    public Response unassignVisualRole(@PathParam("visualRoleId") String visualRoleId) {
        return changeVisualRole(visualRoleId, false);
    }

    private Response changeVisualRole(String visualRoleId, boolean assign) {
        UserModel user = readableUser();
        VisualRole visual = ctx.visualRole(visualRoleId);
        ctx.require(Hierarchy.canAssignVisualRole(ctx.caller(), ctx.target(user)));
        boolean changed = assign ? ctx.store().assignVisualRole(ctx.realm(), user.getId(), visualRoleId)
                : ctx.store().unassignVisualRole(ctx.realm(), user.getId(), visualRoleId);
        if (changed) {
            ctx.event(VISUAL_ASSIGNMENT_EVENT, assign ? OperationType.CREATE : OperationType.DELETE,
                    "users/" + user.getId() + "/visual-roles/" + visualRoleId, VisualRoleRep.of(visual, null));
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

    // --- moderation (design §9) -----------------------------------------------------------

    /** Ban: the user is disabled and every session ends (refresh tokens included). */
    @POST
    @Path("disable")
    public Response disable(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return act("disable", contentType, body, user -> {
            user.setEnabled(false);
            endSessions(user);
        });
    }

    @POST
    @Path("enable")
    public Response enable(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return act("enable", contentType, body, user -> user.setEnabled(true));
    }

    /** Kick: every session and refresh token of the user ends; they may sign in again. */
    @POST
    @Path("logout")
    public Response logout(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return act("logout", contentType, body, this::endSessions);
    }

    /** One of the actions above: its optional reason, the one guard, the action, its admin event. */
    private Response act(String action, String contentType, String body, Consumer<UserModel> apply) {
        String reason = reason(contentType, body);
        UserModel user = moderatedUser();
        apply.accept(user);
        moderated(action, OperationType.ACTION, user, reason, null);
        return Response.noContent().build();
    }

    /**
     * Time-out: until {@code until} the user holds only {@code @everyone}'s permissions, in tokens and
     * in every answer; it ends by itself.
     */
    @PUT
    @Path("timeout")
    public TimeoutRep timeout(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        TimeoutInput input = StrictJson.object(contentType, body, TimeoutInput.class).value();
        Timeout timeout = new Timeout(Validation.timeoutUntil(input.until(), RbacStore.now()), Validation.reason(input.reason()));
        UserModel user = moderatedUser();
        ctx.store().setTimeout(ctx.realm(), user.getId(), timeout);
        moderated("timeout", OperationType.UPDATE, user, timeout.reason(), timeout);
        return TimeoutRep.of(timeout);
    }

    @DELETE
    @Path("timeout")
    public Response endTimeout() {
        UserModel user = moderatedUser();
        if (ctx.store().clearTimeout(ctx.realm(), user.getId())) {
            moderated("timeout", OperationType.DELETE, user, null, null);
        }
        return Response.noContent().build();
    }

    /**
     * The user a moderation action is aimed at: readable by the caller (judged before the id is
     * looked up), and one the caller may manage (design §9: strictly below, never an owner).
     */
    private UserModel moderatedUser() {
        UserModel user = readableUser();
        ctx.require(Hierarchy.canManageUser(ctx.caller(), ctx.target(user)));
        return user;
    }

    /** An optional body {@code {"reason": …}}; no body at all is no reason. */
    private static String reason(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return Validation.reason(StrictJson.object(contentType, body, ReasonInput.class).value().reason());
    }

    /** As Keycloak's own "sign out" of a user: tokens issued before now are refused, sessions end. */
    private void endSessions(UserModel user) {
        ctx.session().users().setNotBeforeForUser(ctx.realm(), user, Time.currentTime());
        ctx.session().sessions().getUserSessionsStream(ctx.realm(), user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(ctx.session(), userSession, true));
    }

    /** What a moderation action's admin event records (resource type {@value #MODERATION_EVENT}). */
    record ModerationRep(String action, String userId, String username, String reason, String until) {
    }

    private void moderated(String action, OperationType operation, UserModel user, String reason, Timeout timeout) {
        ctx.event(MODERATION_EVENT, operation, "users/" + user.getId() + "/" + action,
                new ModerationRep(action, user.getId(), user.getUsername(), reason, Representations.until(timeout)));
    }

    /**
     * Own data is readable by anyone; another user's needs manage_roles, manage_users or view-users.
     * Judged before the id is looked up, so a caller who may not read others learns nothing of them.
     */
    private UserModel readableUser() {
        ctx.require(Hierarchy.canReadUser(ctx.caller(), userId, ctx.callerCanViewUsers()));
        return ctx.user(userId);
    }

    /**
     * A JSON array of ids; duplicates are harmless (assignments are a set). An item that is not an id
     * is refused naming the set it was meant for ({@code roles}, {@code visualRoles}).
     */
    private static Set<String> ids(String contentType, String body, String field) {
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
