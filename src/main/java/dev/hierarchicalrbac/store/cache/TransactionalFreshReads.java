package dev.hierarchicalrbac.store.cache;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * {@link FreshReads} on a new Keycloak session and transaction (Keycloak suspends the caller's JTA
 * transaction meanwhile), through the {@link RbacLoader} that {@code loaders} gives for that
 * session. At most {@code concurrency} such reads run at once, so a burst of cold token requests
 * never needs more than that many extra database connections; past it, requests read in their own
 * transaction and cache nothing.
 */
public final class TransactionalFreshReads implements FreshReads {

    private static final Logger LOG = Logger.getLogger(TransactionalFreshReads.class);

    private final KeycloakSessionFactory factory;
    private final Semaphore permits;
    private final Function<KeycloakSession, RbacLoader> loaders;

    public TransactionalFreshReads(KeycloakSessionFactory factory, int concurrency,
                                   Function<KeycloakSession, RbacLoader> loaders) {
        this.factory = factory;
        this.permits = new Semaphore(concurrency);
        this.loaders = loaders;
    }

    @Override
    public RbacCache.RealmData realm(String realmId) {
        return read(store -> store.loadRealmData(realmId));
    }

    @Override
    public RbacCache.UserData user(String realmId, String userId) {
        return read(store -> store.loadUserData(realmId, userId));
    }

    @Override
    public java.util.Map<String, Long> memberCounts(String realmId, RbacCache.Counts which) {
        return read(store -> store.loadMemberCounts(realmId, which));
    }

    @Override
    public RbacCache.RealmData organization(String realmId, String organizationId) {
        return read(store -> store.loadOrganizationData(realmId, organizationId));
    }

    @Override
    public RbacCache.UserData organizationUser(String realmId, String organizationId, String userId) {
        return read(store -> store.loadOrganizationUserData(realmId, organizationId, userId));
    }

    @Override
    public java.util.Map<String, Long> organizationMemberCounts(String realmId, String organizationId) {
        return read(store -> store.loadOrganizationMemberCounts(realmId, organizationId));
    }

    private <T> T read(Function<RbacLoader, T> query) {
        if (!permits.tryAcquire()) {
            return null;
        }
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> query.apply(loaders.apply(session)));
        } catch (RuntimeException e) {
            // The caller falls back to its own transaction, which reports a real database problem.
            LOG.debugf(e, "RBAC cache load failed; reading without the cache");
            return null;
        } finally {
            permits.release();
        }
    }
}
