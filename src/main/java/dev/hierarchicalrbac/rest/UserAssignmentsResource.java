package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.SetChange;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.rest.Representations.ReasonInput;
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

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /users/{userId}/…}: one user's admin roles, access and decisions about them (inherited from
 * {@link UserRolesResource}, which organizations share), visual roles, and their moderation (ban,
 * kick, time-out), which belong to the realm alone.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class UserAssignmentsResource extends UserRolesResource {

    static final String VISUAL_ASSIGNMENT_EVENT = "RBAC_VISUAL_ASSIGNMENT";
    static final String MODERATION_EVENT = "RBAC_MODERATION";

    UserAssignmentsResource(RequestContext ctx, String userId) {
        super(ctx, userId);
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

}
