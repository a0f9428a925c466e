package dev.hierarchicalrbac.store.cluster;

import dev.hierarchicalrbac.store.cache.CacheInvalidation;
import dev.hierarchicalrbac.store.cache.RbacCache;
import org.junit.jupiter.api.Test;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterListener;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClusterInvalidationsTest {

    final RbacCache cache = new RbacCache(10, 10);
    final ClusterInvalidations invalidations = new ClusterInvalidations(cache);
    final List<ClusterListener> listeners = new ArrayList<>();
    final List<Object[]> sent = new ArrayList<>();
    RuntimeException failure;

    /** A cluster provider stand-in recording registrations and notifications. */
    KeycloakSession session() {
        ClusterProvider cluster = (ClusterProvider) Proxy.newProxyInstance(ClusterProvider.class.getClassLoader(),
                new Class<?>[]{ClusterProvider.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "registerListener" -> {
                            assertEquals(ClusterInvalidations.TASK_KEY, args[0]);
                            listeners.add((ClusterListener) args[1]);
                        }
                        case "notify" -> {
                            if (failure != null) {
                                throw failure;
                            }
                            sent.add(args);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[]{KeycloakSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProvider") && args.length == 1 && args[0] == ClusterProvider.class) {
                        return cluster;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void listensOnceHowEverManySessionsAsk() {
        invalidations.listen(session());
        invalidations.listen(session());
        assertEquals(1, listeners.size());
    }

    @Test
    void sendsOneEventPerRealmToTheOtherNodesOnly() {
        invalidations.send(session(), Set.of(CacheInvalidation.user("A", "u1")));
        assertEquals(1, sent.size());
        Object[] args = sent.get(0);
        assertEquals(ClusterInvalidations.TASK_KEY, args[0]);
        assertEquals(List.of(new RbacInvalidationEvent("A", false, false, List.of("u1"))), List.copyOf((Collection<?>) args[1]));
        assertEquals(true, args[2], "the sender has applied them already");
    }

    @Test
    void sendsNothingForNothing() {
        invalidations.send(session(), Set.of());
        assertEquals(List.of(), sent);
    }

    @Test
    void aFailedSendDoesNotFailTheCommittedWrite() {
        failure = new IllegalStateException("partitioned");
        invalidations.send(session(), Set.of(CacheInvalidation.realm("A")));
        assertEquals(List.of(), sent);
    }

    @Test
    void appliesWhatAnotherNodeSentAndIgnoresOtherEvents() {
        invalidations.listen(session());
        cache.user("A", "u1", () -> new RbacCache.UserData(Set.of("r"), Set.of()));
        cache.user("A", "u2", () -> new RbacCache.UserData(Set.of("r"), Set.of()));
        cache.realm("B", () -> new RbacCache.RealmData(List.of(), List.of(), List.of()));

        listeners.get(0).eventReceived(new ClusterEvent() { });
        assertNotNull(cache.peekUser("A", "u1"));

        listeners.get(0).eventReceived(new RbacInvalidationEvent("A", false, false, List.of("u1")));
        assertNull(cache.peekUser("A", "u1"));
        assertNotNull(cache.peekUser("A", "u2"));

        listeners.get(0).eventReceived(new RbacInvalidationEvent("B", false, true, List.of()));
        assertNull(cache.peekRealm("B"));
    }

    @Test
    void invalidationsFromAnotherNodeDefeatALoadThatRacedTheirWrite() {
        RbacCache otherNode = new RbacCache(10, 10);
        ClusterInvalidations receiver = new ClusterInvalidations(otherNode);
        otherNode.user("R", "u", () -> new RbacCache.UserData(Set.of("r1"), Set.of()));

        // A load on the other node that read before this node's commit, and would put after it.
        RbacCache.UserData stale = otherNode.user("R", "w", () -> {
            receiver.received(RbacInvalidationEvent.of(List.of(CacheInvalidation.user("R", "w"),
                    CacheInvalidation.user("R", "u"))).get(0));
            return new RbacCache.UserData(Set.of("r1"), Set.of());
        });
        assertEquals(Set.of("r1"), stale.roleIds(), "the racing reader answers what it read");
        assertNull(otherNode.peekUser("R", "w"), "but does not keep it");
        assertNull(otherNode.peekUser("R", "u"));
    }
}
