package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Decision;
import dev.hierarchicalrbac.domain.TargetUser;
import dev.hierarchicalrbac.domain.UnknownIdException;
import dev.hierarchicalrbac.domain.PositionConflictException;
import dev.hierarchicalrbac.domain.ValidationException;
import dev.hierarchicalrbac.store.NotFoundException;
import dev.hierarchicalrbac.store.Owners;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.store.StoreConflictException;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.function.Supplier;

/**
 * Everything one admin request needs: the realm, the store, the authenticated caller as an
 * {@link Actor} of the domain rules, and the way out (errors, admin events).
 */
final class RequestContext {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final RbacStore store;
    private Actor caller;

    RequestContext(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = session.getProvider(RbacStore.class);
    }

    RealmModel realm() {
        return realm;
    }

    RbacStore store() {
        return store;
    }

    KeycloakSession session() {
        return session;
    }

    /**
     * Runs one request. Refusals and input errors become their JSON answer, and the transaction is
     * rolled back, so a refused or failed request changes nothing.
     */
    Response run(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            return fail(e);
        } catch (ValidationException e) {
            return fail(ApiException.badRequest(e.field(), e.getMessage()));
        } catch (StoreConflictException e) {
            return fail(ApiException.conflict(e.field(), e.getMessage()));
        } catch (PositionConflictException e) {
            return fail(ApiException.conflict("position", e.getMessage()));
        } catch (NotFoundException | UnknownIdException e) {
            return fail(ApiException.notFound(e.getMessage()));
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            throw e;
        }
    }

    private Response fail(ApiException e) {
        session.getTransactionManager().setRollbackOnly();
        return e.toResponse();
    }

    /** The caller, judged by the rules of design §3; owners are those Keycloak lets manage the realm. */
    Actor caller() {
        if (caller == null) {
            UserModel user = auth.adminAuth().getUser();
            boolean owner = auth.realm().canManageRealm();
            if (!owner && !auth.adminAuth().getRealm().getId().equals(realm.getId())) {
                throw ApiException.forbidden("not_realm_member",
                        "Only users of realm '" + realm.getName() + "' and its owners may use its role hierarchy.");
            }
            caller = actorFor(user.getId(), owner);
        }
        return caller;
    }

    /** The authenticated user (of this realm, or an owner from the master realm). */
    UserModel callerUser() {
        return auth.adminAuth().getUser();
    }

    /** Keycloak's own {@code view-users} also opens other users' assignments for reading. */
    boolean callerCanViewUsers() {
        return auth.users().canView();
    }

    void require(Decision decision) {
        if (!decision.allowed()) {
            throw ApiException.refused(decision);
        }
    }

    /** A user of this realm, or 404 (a user of another realm is just as unknown). */
    UserModel user(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            throw ApiException.notFound("User '" + userId + "' not found");
        }
        return user;
    }

    /** Members as users; an id whose user is already gone is skipped (its rows go with it). */
    List<Representations.UserRep> users(List<String> userIds) {
        return userIds.stream().map(id -> session.users().getUserById(realm, id))
                .filter(java.util.Objects::nonNull).map(Representations.UserRep::of).toList();
    }

    TargetUser target(UserModel user) {
        return TargetUser.of(user.getId(), isOwner(user), store.rolesOf(realm, user.getId()));
    }

    /** Any user of the realm as an actor, for the decision endpoints. */
    Actor actorFor(UserModel user) {
        return actorFor(user.getId(), isOwner(user));
    }

    /** The same values as {@code Actor.of} over the store's roles, from the store's cached union. */
    private Actor actorFor(String userId, boolean owner) {
        return new Actor(userId, owner, store.highestPosition(realm, userId), store.effectivePermissions(realm, userId, owner));
    }

    AdminRole role(String roleId) {
        return store.role(realm, roleId).orElseThrow(() -> ApiException.notFound("Role '" + roleId + "' not found"));
    }

    boolean isOwner(UserModel user) {
        return Owners.isOwner(realm, user);
    }

    /** 201 with the new resource's absolute URL in {@code Location}. */
    Response created(String id, Object representation) {
        return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(id).build())
                .entity(representation).build();
    }

    /** Records a change under the realm's admin events, with a resource type of our own. */
    void event(String resourceType, OperationType operation, String path, Object representation) {
        adminEvent.clone(session).resource(resourceType).operation(operation)
                .resourcePath("rbac/" + path).representation(representation).success();
    }
}
