package dev.hierarchicalrbac.store.cluster;

import dev.hierarchicalrbac.store.cache.CacheInvalidation;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoTypeId;
import org.keycloak.cluster.ClusterEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one committed transaction changed in one realm, sent to the other nodes of a Keycloak
 * cluster through its {@code ClusterProvider}. Keycloak 26 marshals cluster events with ProtoStream:
 * the fields are annotated, and {@link RbacProtoSchema} (generated at build time) registers the type
 * under {@link #TYPE_ID} with every node's serialization context.
 *
 * <p>Proto3 has no null strings, so "which realm data changed" travels as flags, and users as a
 * list that is empty when only realm data changed.
 */
@ProtoTypeId(RbacInvalidationEvent.TYPE_ID)
public final class RbacInvalidationEvent implements ClusterEvent {

    /**
     * ProtoStream type id: ids up to 65535 belong to Infinispan and Keycloak's own start at 65536,
     * so the extension takes one far above both ("RBAC" in ASCII). It must never change or be reused.
     */
    public static final int TYPE_ID = 0x52424143;

    private final String realmId;
    private final boolean realmData;
    private final boolean realmRemoved;
    private final List<String> userIds;

    @ProtoFactory
    RbacInvalidationEvent(String realmId, boolean realmData, boolean realmRemoved, List<String> userIds) {
        this.realmId = realmId;
        this.realmData = realmData;
        this.realmRemoved = realmRemoved;
        this.userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    /** One event per realm touched, in the order the realms were first touched. */
    static List<RbacInvalidationEvent> of(Collection<CacheInvalidation> invalidations) {
        Map<String, List<CacheInvalidation>> byRealm = new LinkedHashMap<>();
        for (CacheInvalidation invalidation : invalidations) {
            byRealm.computeIfAbsent(invalidation.realmId(), id -> new ArrayList<>()).add(invalidation);
        }
        List<RbacInvalidationEvent> events = new ArrayList<>();
        byRealm.forEach((realmId, changes) -> {
            boolean removed = changes.stream().anyMatch(CacheInvalidation::realmRemoved);
            boolean data = changes.stream().anyMatch(c -> !c.realmRemoved() && c.userId() == null);
            List<String> users = changes.stream().map(CacheInvalidation::userId)
                    .filter(id -> id != null).distinct().toList();
            events.add(new RbacInvalidationEvent(realmId, data, removed, removed ? List.of() : users));
        });
        return events;
    }

    /** The same changes, to apply to this node's cache. */
    List<CacheInvalidation> invalidations() {
        if (realmRemoved) {
            return List.of(CacheInvalidation.realmRemoved(realmId));
        }
        List<CacheInvalidation> list = new ArrayList<>();
        if (realmData) {
            list.add(CacheInvalidation.realm(realmId));
        }
        userIds.forEach(userId -> list.add(CacheInvalidation.user(realmId, userId)));
        return list;
    }

    @ProtoField(1)
    String getRealmId() {
        return realmId;
    }

    @ProtoField(value = 2, defaultValue = "false")
    boolean isRealmData() {
        return realmData;
    }

    @ProtoField(value = 3, defaultValue = "false")
    boolean isRealmRemoved() {
        return realmRemoved;
    }

    @ProtoField(4)
    List<String> getUserIds() {
        return userIds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RbacInvalidationEvent that && realmId.equals(that.realmId) && realmData == that.realmData
                && realmRemoved == that.realmRemoved && userIds.equals(that.userIds);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(realmId, realmData, realmRemoved, userIds);
    }

    @Override
    public String toString() {
        return "RbacInvalidationEvent[realm=" + realmId + ", realmData=" + realmData + ", realmRemoved=" + realmRemoved
                + ", users=" + userIds + "]";
    }
}
