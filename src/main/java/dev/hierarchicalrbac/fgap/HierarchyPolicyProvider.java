package dev.hierarchicalrbac.fgap;

import dev.hierarchicalrbac.access.Owners;
import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.Decision;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.TargetUser;
import dev.hierarchicalrbac.store.RbacStore;
import org.jboss.logging.Logger;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.authorization.identity.Identity;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Set;

/**
 * Grants a permission on one Keycloak user when {@link Hierarchy#canAdministerUser} allows the caller
 * to act on that user. A check against all users at once (the resource type "Users", no single
 * target) is never granted: the rule is about a target, and granting it would open every user.
 */
final class HierarchyPolicyProvider implements PolicyProvider {

    private static final Logger LOG = Logger.getLogger(HierarchyPolicyProvider.class);

    @Override
    public void evaluate(Evaluation evaluation) {
        Resource resource = evaluation.getPermission().getResource();
        if (resource == null || AdminPermissionsSchema.USERS_RESOURCE_TYPE.equals(resource.getName())) {
            return;
        }
        AuthorizationProvider authorization = evaluation.getAuthorizationProvider();
        KeycloakSession session = authorization.getKeycloakSession();
        RealmModel realm = authorization.getRealm();
        Identity identity = evaluation.getContext().getIdentity();
        UserModel caller = session.users().getUserById(realm, identity.getId());
        UserModel target = session.users().getUserById(realm, resource.getName());
        if (caller == null || target == null) {
            return;
        }
        Decision decision = decide(session, realm, identity, caller, target,
                HierarchyPolicyProviderFactory.requiredPermissions(evaluation.getPolicy()));
        LOG.debugf("rbac-hierarchy: %s on %s: %s", caller.getUsername(), target.getUsername(), decision);
        if (decision.allowed()) {
            evaluation.grant();
        }
    }

    /** The rule, with the caller judged by their token (as {@code /me} is) and the target by their roles. */
    static Decision decide(KeycloakSession session, RealmModel realm, Identity identity, UserModel caller,
                           UserModel target, Set<String> requiredPermissions) {
        RbacStore store = session.getProvider(RbacStore.class);
        boolean owner = Owners.isOwnerThrough(realm, caller, role -> role.isClientRole()
                ? identity.hasClientRole(((ClientModel) role.getContainer()).getClientId(), role.getName())
                : identity.hasRealmRole(role.getName()));
        Actor actor = new Actor(caller.getId(), owner, store.highestPosition(realm, caller.getId()),
                store.effectivePermissions(realm, caller.getId(), owner));
        TargetUser targetUser = TargetUser.of(target.getId(), Owners.isOwner(realm, target), store.rolesOf(realm, target.getId()));
        return Hierarchy.canAdministerUser(actor, targetUser, requiredPermissions);
    }

    @Override
    public void close() {
    }
}
