package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.access.Owners;
import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Decision;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.TargetUser;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.ErrorCode;
import dev.hierarchicalrbac.domain.OrganizationLadder;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Comparator;
import java.util.List;

/**
 * Everything one admin request needs: the realm, the store, the authenticated caller as an
 * {@link Actor} of the domain rules, and the way out (admin events). Errors are thrown as
 * {@link RbacException} and answered by {@link RbacExceptionMapper}.
 */
final class RequestContext {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final RbacStore store;
    /** The ladder this request works on: null for the realm's own, else one organization of the realm. */
    private final OrganizationModel organization;
    private Actor caller;

    RequestContext(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this(session, realm, auth, adminEvent, null);
    }

    private RequestContext(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                           AdminEventBuilder adminEvent, OrganizationModel organization) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = session.getProvider(RbacStore.class);
        this.organization = organization;
    }

    /**
     * The same request, working on an organization's ladder (design §10): the caller, targets,
     * roles and events are then the organization's. An organization of another realm, or none, is
     * 404 like any unknown id. Its ladder ({@code @everyone}) is created the first time it is reached.
     */
    RequestContext inOrganization(String organizationId) {
        OrganizationModel found = organization(organizationId);
        if (found == null) {
            throw RbacException.notFound("Organization", organizationId);
        }
        store.seedOrganization(realm, found.getId());
        return new RequestContext(session, realm, auth, adminEvent, found);
    }

    /** Keycloak 26.7 throws rather than answer null for an organization of another realm. */
    private OrganizationModel organization(String organizationId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizationId == null || organizations == null || !realm.isOrganizationsEnabled()) {
            return null;
        }
        try {
            return organizations.getById(organizationId);
        } catch (ModelException otherRealm) {
            return null;
        }
    }

    /**
     * One page of the realm's organizations whose ladder the caller is offered
     * ({@link OrganizationLadder#isShownTo}), by name: every organization for a caller who reads the
     * whole realm, else the ones they belong to (named owners are members). None while Organizations
     * are off for the realm or the server. Judged on the realm's ladder, so call it on the realm's context.
     */
    List<OrganizationModel> organizationsShownToCaller(Paging paging) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            return List.of();
        }
        Actor a = caller();
        boolean readsRealmWide = a.owner() || Hierarchy.canReadMembers(a, callerCanViewUsers()).allowed();
        if (OrganizationLadder.isShownTo(readsRealmWide, false, false)) {
            return organizations.getAllStream("", null, paging.first(), paging.max()).toList();
        }
        return organizations.getByMember(callerUser())
                .filter(o -> OrganizationLadder.isShownTo(false,
                        OrganizationLadder.isOwner(a.userId(), false, store.organizationOwners(realm, o.getId())), true))
                .sorted(Comparator.comparing(OrganizationModel::getName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(OrganizationModel::getId))
                .skip(paging.first()).limit(paging.max()).toList();
    }

    /** The ladder's organization id for the store: null for the realm's own ladder. */
    String ladder() {
        return organization == null ? null : organization.getId();
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
     * The caller, judged by the rules of design §3. Owners are those Keycloak itself lets manage the
     * realm with this request's token ({@code canManageRealm}), as the token mapper judges a token
     * ({@link Owners#isOwnerThrough}): a token from a client with full scope off carries no ownership.
     */
    Actor caller() {
        if (caller == null) {
            UserModel user = auth.adminAuth().getUser();
            boolean owner = auth.realm().canManageRealm();
            if (!owner && !auth.adminAuth().getRealm().getId().equals(realm.getId())) {
                throw new RbacException(ErrorCode.NOT_REALM_MEMBER, null,
                        "Only users of realm '" + realm.getName() + "' and its owners may use its role hierarchy.");
            }
            caller = actorFor(user, owner);
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
            throw RbacException.refused(decision);
        }
    }

    /** A user of this realm, or 404 (a user of another realm is just as unknown). */
    UserModel user(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            throw RbacException.notFound("User", userId);
        }
        return user;
    }

    /** Members as users; an id whose user is already gone is skipped (its rows go with it). */
    List<Representations.UserRep> users(List<String> userIds) {
        return userIds.stream().map(id -> session.users().getUserById(realm, id))
                .filter(java.util.Objects::nonNull).map(Representations.UserRep::of).toList();
    }

    TargetUser target(UserModel user) {
        if (organization != null) {
            return OrganizationLadder.target(user.getId(), isOwner(user), store.organizationOwners(realm, ladder()),
                    isMember(user), store.rolesOf(realm, ladder(), user.getId()));
        }
        return TargetUser.of(user.getId(), isOwner(user), store.rolesOf(realm, user.getId()));
    }

    /** Any user of the realm as an actor, for the decision endpoints. */
    Actor actorFor(UserModel user) {
        return actorFor(user, isOwner(user));
    }

    /**
     * {@code h} and {@code P} of design §2 for a user, from the store's cached union; in an
     * organization, as {@link OrganizationLadder} sees them there.
     */
    private Actor actorFor(UserModel user, boolean realmOwner) {
        String userId = user.getId();
        if (organization != null) {
            return OrganizationLadder.actor(userId, realmOwner, store.organizationOwners(realm, ladder()), isMember(user),
                    store.everyone(realm, ladder()), store.rolesOf(realm, ladder(), userId),
                    store.permissions(realm).stream().map(Permission::name).toList(), timeout(user) != null);
        }
        return new Actor(userId, realmOwner, store.highestPosition(realm, userId), store.effectivePermissions(realm, userId, realmOwner));
    }

    /** Whether the user is a member of this request's organization (Keycloak's to tell). */
    boolean isMember(UserModel user) {
        return organization != null && session.getProvider(OrganizationProvider.class).isMember(organization, user);
    }

    /** Organization roles are held by its members only: 400 naming the user otherwise. */
    void requireMember(UserModel user) {
        if (organization != null) {
            OrganizationLadder.requireMember(isMember(user), user.getUsername(), organization.getAlias());
        }
    }

    /** The user's time-out if one holds now, else null. */
    Timeout timeout(UserModel user) {
        return store.timeout(realm, user.getId()).orElse(null);
    }

    /** A role of this request's ladder: one of another ladder is 404 here. */
    AdminRole role(String roleId) {
        return store.role(realm, ladder(), roleId).orElseThrow(() -> RbacException.notFound("Role", roleId));
    }

    VisualRole visualRole(String visualRoleId) {
        return store.visualRole(realm, visualRoleId).orElseThrow(() -> RbacException.notFound("Visual role", visualRoleId));
    }

    boolean isOwner(UserModel user) {
        return Owners.isOwner(realm, user);
    }

    /** 201 with the new resource's absolute URL in {@code Location}. */
    Response created(String id, Object representation) {
        return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(id).build())
                .entity(representation).build();
    }

    /**
     * Records a change under the realm's admin events, with a resource type of our own; the path is
     * relative to this request's ladder ({@code rbac/organizations/{id}/…} in an organization).
     */
    void event(String resourceType, OperationType operation, String path, Object representation) {
        String ladderPath = organization == null ? "rbac/" : "rbac/organizations/" + organization.getId() + "/";
        adminEvent.clone(session).resource(resourceType).operation(operation)
                .resourcePath(ladderPath + path).representation(representation).success();
    }
}
