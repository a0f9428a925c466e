package dev.hierarchicalrbac.store.cluster;

import dev.hierarchicalrbac.store.cache.CacheInvalidation;
import dev.hierarchicalrbac.store.cache.RbacCache;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.WrappedMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbacInvalidationEventTest {

    @Test
    void groupsAPerRealmEventFromATransactionsInvalidations() {
        List<RbacInvalidationEvent> events = RbacInvalidationEvent.of(List.of(
                CacheInvalidation.user("A", "u1"), CacheInvalidation.realm("A"), CacheInvalidation.user("A", "u1"),
                CacheInvalidation.user("B", "u2"), CacheInvalidation.user("A", "u3")));
        assertEquals(List.of(new RbacInvalidationEvent("A", true, false, List.of("u1", "u3")),
                new RbacInvalidationEvent("B", false, false, List.of("u2"))), events);
        assertEquals(List.of(CacheInvalidation.realm("A"), CacheInvalidation.user("A", "u1"), CacheInvalidation.user("A", "u3")),
                events.get(0).invalidations());
    }

    @Test
    void aRemovedRealmNeedsNothingElse() {
        RbacInvalidationEvent event = RbacInvalidationEvent.of(List.of(CacheInvalidation.user("A", "u1"),
                CacheInvalidation.realmRemoved("A"))).get(0);
        assertEquals(List.of(CacheInvalidation.realmRemoved("A")), event.invalidations());
    }

    /** The generated schema is found the way Keycloak finds it, and the event survives the wire. */
    @Test
    void survivesProtoStreamMarshallingInTheWrappedFormKeycloakSends() throws Exception {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        RbacProtoSchema schema = ServiceLoader.load(org.infinispan.protostream.SerializationContextInitializer.class)
                .stream().map(ServiceLoader.Provider::get)
                .filter(RbacProtoSchema.class::isInstance).map(RbacProtoSchema.class::cast)
                .findFirst().orElse(null);
        assertNotNull(schema, "RbacProtoSchema is registered in META-INF/services");
        schema.register(context);

        for (RbacInvalidationEvent event : List.of(
                new RbacInvalidationEvent("realm-1", true, false, List.of("u1", "u2")),
                new RbacInvalidationEvent("realm-1", false, false, List.of("u1")),
                new RbacInvalidationEvent("realm-1", true, false, List.of()),
                new RbacInvalidationEvent("realm-2", false, true, List.of()),
                // An organization's ladder travels as its key, like a realm (RbacCache.ladderKey).
                new RbacInvalidationEvent(RbacCache.ladderKey("realm-1", "org-1"), true, false, List.of("u1")),
                new RbacInvalidationEvent(RbacCache.ladderKey("realm-1", "org-1"), false, true, List.of()))) {
            byte[] bytes = ProtobufUtil.toWrappedByteArray(context, new WrappedMessage(event));
            Object back = ((WrappedMessage) ProtobufUtil.fromWrappedByteArray(context, bytes)).getValue();
            assertEquals(event, back);
            assertEquals(event.invalidations(), ((RbacInvalidationEvent) back).invalidations());
        }
        assertTrue(context.canMarshall(RbacInvalidationEvent.class));
        assertEquals("hierarchicalrbac.RbacInvalidationEvent",
                context.getDescriptorByTypeId(RbacInvalidationEvent.TYPE_ID).getFullName());
    }
}
