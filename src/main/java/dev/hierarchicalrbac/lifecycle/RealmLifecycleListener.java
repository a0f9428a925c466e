package dev.hierarchicalrbac.lifecycle;

import dev.hierarchicalrbac.store.RbacStore;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
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
 * of a removed user or realm go with it.
 */
public final class RealmLifecycleListener implements LifecycleProviderFactory, ProviderEventListener {

    public static final String ID = "default";
    private static final Logger LOG = Logger.getLogger(RealmLifecycleListener.class);

    private static final LifecycleProvider NO_OP = () -> { };

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent migrated) {
            seedExistingRealms(migrated.getFactory());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            store(created.getKeycloakSession()).seedRealm(created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            store(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            store(removed.getKeycloakSession()).removeUser(removed.getRealm(), removed.getUser().getId());
        }
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

    private static RbacStore store(KeycloakSession session) {
        return session.getProvider(RbacStore.class);
    }

    @Override
    public LifecycleProvider create(KeycloakSession session) {
        return NO_OP;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(this);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
