package dev.hierarchicalrbac.store.cluster;

import dev.hierarchicalrbac.store.cache.CacheInvalidation;
import dev.hierarchicalrbac.store.cache.RbacCache;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;

import java.util.Collection;
import java.util.List;

/**
 * Carries cache invalidations between the nodes of a Keycloak cluster, over Keycloak's own
 * {@link ClusterProvider} (Infinispan's replicated work cache with {@code --cache=ispn}; with
 * {@code --cache=local} there are no other nodes and nothing leaves the process).
 *
 * <p>The sender has already applied the invalidations to its own cache, so events skip the sender.
 * A receiving node applies them through {@link RbacCache}'s single invalidation path, whose revision
 * tickets make a load that raced the remote write lose its put, exactly as for a local write.
 */
public final class ClusterInvalidations {

    /** The key Keycloak's cluster provider routes the extension's events by. */
    static final String TASK_KEY = "hierarchical-rbac-cache-invalidation";

    private static final Logger LOG = Logger.getLogger(ClusterInvalidations.class);

    private final RbacCache cache;
    private volatile boolean listening;

    public ClusterInvalidations(RbacCache cache) {
        this.cache = cache;
    }

    /**
     * Registers this node's listener, once, before the first session of this node reads the cache:
     * a node only needs events from the moment it holds something to invalidate.
     */
    public void listen(KeycloakSession session) {
        if (listening) {
            return;
        }
        synchronized (this) {
            if (listening) {
                return;
            }
            ClusterProvider cluster = session.getProvider(ClusterProvider.class);
            if (cluster != null) {
                cluster.registerListener(TASK_KEY, this::received);
            }
            listening = true;
        }
    }

    /** Sends what a committed transaction changed to every other node. */
    public void send(KeycloakSession session, Collection<CacheInvalidation> invalidations) {
        if (invalidations.isEmpty()) {
            return;
        }
        List<RbacInvalidationEvent> events = RbacInvalidationEvent.of(invalidations);
        try {
            ClusterProvider cluster = session.getProvider(ClusterProvider.class);
            if (cluster != null) {
                cluster.notify(TASK_KEY, events, true);
            }
        } catch (RuntimeException e) {
            // The write has committed; failing the request now would not undo it. Other nodes keep
            // what they cached until their next invalidation of the same key or their restart.
            LOG.errorf(e, "Could not send cache invalidations to the other cluster nodes: %s", events);
        }
    }

    void received(ClusterEvent event) {
        if (event instanceof RbacInvalidationEvent invalidation) {
            LOG.debugf("Applying %s from another node", invalidation);
            invalidation.invalidations().forEach(i -> i.applyTo(cache));
        }
    }
}
