package dev.hierarchicalrbac.store.jpa;

import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.store.RbacStoreFactory;
import dev.hierarchicalrbac.store.cache.CachedRbacStore;
import dev.hierarchicalrbac.store.cache.FreshReads;
import dev.hierarchicalrbac.store.cache.RbacCache;
import dev.hierarchicalrbac.store.cache.TransactionalFreshReads;
import dev.hierarchicalrbac.store.cluster.ClusterInvalidations;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Creates the {@link RbacStore} of a session: {@link JpaRbacStore} on Keycloak's own entity manager
 * and transaction, wrapped in {@link CachedRbacStore}. The factory owns the cache shared by all
 * sessions of this server; it holds no static state. In a cluster, what a transaction changed is
 * invalidated on this node after commit and sent to the others ({@link ClusterInvalidations}).
 *
 * <p>Options ({@code --spi-hierarchical-rbac-store--jpa--<name>=<value>}): {@code cache-enabled}
 * (default true), {@code cache-max-realms} (1000), {@code cache-max-users} (100000, over all realms),
 * {@code cache-load-concurrency} (4 loads of cold data at once, each on a connection of its own).
 */
public final class JpaRbacStoreFactory implements RbacStoreFactory {

    public static final String ID = "jpa";

    static final String CACHE_ENABLED = "cache-enabled";
    static final String CACHE_MAX_REALMS = "cache-max-realms";
    static final String CACHE_MAX_USERS = "cache-max-users";
    static final String CACHE_LOAD_CONCURRENCY = "cache-load-concurrency";

    private boolean cacheEnabled = true;
    private int loadConcurrency = 4;
    private RbacCache cache;
    private ClusterInvalidations cluster;
    private FreshReads freshReads;

    @Override
    public RbacStore create(KeycloakSession session) {
        JpaRbacStore jpa = jpa(session);
        if (!cacheEnabled) {
            return jpa;
        }
        cluster.listen(session);
        return new CachedRbacStore(jpa, cache, freshReads, action ->
                session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                    @Override
                    protected void commitImpl() {
                        action.run();
                    }

                    @Override
                    protected void rollbackImpl() {
                        action.run();
                    }
                }), invalidations -> cluster.send(session, invalidations));
    }

    @Override
    public void init(Config.Scope config) {
        cacheEnabled = config.getBoolean(CACHE_ENABLED, true);
        loadConcurrency = Math.max(1, config.getInt(CACHE_LOAD_CONCURRENCY, 4));
        cache = new RbacCache(config.getInt(CACHE_MAX_REALMS, 1000), config.getInt(CACHE_MAX_USERS, 100_000));
        cluster = new ClusterInvalidations(cache);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        freshReads = new TransactionalFreshReads(factory, loadConcurrency, JpaRbacStoreFactory::jpa);
    }

    /** The JPA store on the session's own entity manager and transaction. */
    private static JpaRbacStore jpa(KeycloakSession session) {
        return new JpaRbacStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** The cache shared by all sessions of this node. */
    public RbacCache cache() {
        return cache;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CACHE_ENABLED).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(true)
                .helpText("Cache permissions, roles and assignments in memory (invalidated on every change).").add()
                .property().name(CACHE_MAX_REALMS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .helpText("Realms whose catalogue and roles are kept in memory.").add()
                .property().name(CACHE_MAX_USERS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(100_000)
                .helpText("Users whose assignments are kept in memory, over all realms.").add()
                .property().name(CACHE_LOAD_CONCURRENCY).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(4)
                .helpText("Cold loads that may run at once, each on a database connection of its own.").add()
                .build();
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.clear();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
