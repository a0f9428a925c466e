package dev.hierarchicalrbac.lifecycle;

import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.fgap.UserAdministration;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.transfer.ConfigImporter;
import dev.hierarchicalrbac.transfer.ConfigJson;
import dev.hierarchicalrbac.transfer.StrictJson;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.List;

/**
 * Keeps the RBAC tables in step with Keycloak: every realm has the built-in permissions and
 * {@code @everyone} (new realms when they are created, existing ones at every boot), and the rows
 * of a removed user or realm go with it, as do an organization's when Keycloak removes it and a
 * member's assignments there when they leave it (design §10). Registered by {@code RbacResourceProviderFactory.postInit},
 * as Keycloak's own organization provider registers its listener: no SPI of its own.
 */
public final class RealmLifecycleListener implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(RealmLifecycleListener.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent migrated) {
            seedExistingRealms(migrated.getFactory());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            store(created.getKeycloakSession()).seedRealm(created.getCreatedRealm());
            applyConfigAttribute(created.getKeycloakSession(), created.getCreatedRealm());
            applyUserAdministrationAttribute(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            store(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            store(removed.getKeycloakSession()).removeUser(removed.getRealm(), removed.getUser().getId());
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            RealmModel realm = organizationRealm(removed.getKeycloakSession());
            if (realm != null) {
                store(removed.getKeycloakSession()).removeOrganization(realm, removed.getOrganization().getId());
            }
        } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent left) {
            RealmModel realm = organizationRealm(left.getSession());
            if (realm != null) {
                store(left.getSession()).removeOrganizationMember(realm, left.getOrganization().getId(), left.getUser().getId());
            }
        }
    }

    /**
     * The realm of an organization event: Keycloak's organization provider works only in a session
     * bound to the organization's realm (26.7 fires both events from there), and the model does not
     * carry its realm. Null would mean a future Keycloak fires them elsewhere: then the rows stay
     * (a removed realm's go with it anyway) rather than the removal failing.
     */
    private static RealmModel organizationRealm(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            LOG.warn("An organization event without a realm in its session; its RBAC rows are left in place");
        }
        return realm;
    }

    /**
     * Realms that existed before the extension was installed get their built-ins at boot. Each
     * realm is seeded in its own transaction, so one failure (say, another cluster node seeding the
     * same realm at the same moment) neither blocks the others nor the boot.
     */
    private static void seedExistingRealms(KeycloakSessionFactory factory) {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm != null) {
                        store(session).seedRealm(realm);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not seed the RBAC built-ins of realm %s; they are seeded at the next boot", realmId);
            }
        }
    }

    /**
     * One-file realm setup (design §6): a realm created or imported with the attribute
     * {@code rbac.config} gets that document applied, and the attribute is removed so the tables stay
     * the one source of truth. A document that breaks a rule fails the realm's creation with the
     * reason, rather than leaving a half-configured realm behind. Its organizations part can name the
     * file's organizations: Keycloak 26.7 fires this event after its realm import has created the
     * file's users, organizations and their members, in the same transaction (OrganizationTransferIT
     * checks that order, so a Keycloak that changes it fails there).
     */
    private static void applyConfigAttribute(KeycloakSession session, RealmModel realm) {
        String document = realm.getAttribute(ConfigJson.REALM_ATTRIBUTE);
        if (document == null || document.isBlank()) {
            return;
        }
        try {
            ConfigImporter.Result result = ConfigImporter.run(session, realm, StrictJson.document(document), false, false);
            LOG.infof("Realm %s: applied %d change(s) from the %s attribute", realm.getName(), result.changes().size(),
                    ConfigJson.REALM_ATTRIBUTE);
            if (!result.unknownUsers().isEmpty()) {
                LOG.warnf("Realm %s: %s names users that do not exist: %s", realm.getName(), ConfigJson.REALM_ATTRIBUTE,
                        result.unknownUsers());
            }
        } catch (RbacException e) {
            throw new ModelException("Realm " + realm.getName() + ": attribute " + ConfigJson.REALM_ATTRIBUTE
                    + " was refused: " + e.getMessage(), e);
        }
        realm.removeAttribute(ConfigJson.REALM_ATTRIBUTE);
    }

    /**
     * A realm file can switch user administration on (design §9) with the attribute
     * {@code rbac.userAdministration}, whose value is the body {@code PUT /user-administration} takes;
     * applied after {@code rbac.config}, whose permissions it may name, and then removed: Keycloak's
     * admin permissions hold the state from there on.
     */
    private static void applyUserAdministrationAttribute(KeycloakSession session, RealmModel realm) {
        String value = realm.getAttribute(UserAdministration.REALM_ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            UserAdministration.apply(session, realm, StrictJson.object("application/json", value, UserAdministration.Switch.class).value());
            LOG.infof("Realm %s: user administration applied from the %s attribute", realm.getName(), UserAdministration.REALM_ATTRIBUTE);
        } catch (RbacException e) {
            throw new ModelException("Realm " + realm.getName() + ": attribute " + UserAdministration.REALM_ATTRIBUTE
                    + " was refused: " + e.getMessage(), e);
        }
        realm.removeAttribute(UserAdministration.REALM_ATTRIBUTE);
    }

    private static RbacStore store(KeycloakSession session) {
        return session.getProvider(RbacStore.class);
    }
}
