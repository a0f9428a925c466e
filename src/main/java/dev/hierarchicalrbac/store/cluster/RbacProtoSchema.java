package dev.hierarchicalrbac.store.cluster;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.annotations.ProtoSyntax;

/**
 * The extension's ProtoStream schema. The protostream annotation processor generates its
 * implementation and a {@code META-INF/services/org.infinispan.protostream.SerializationContextInitializer}
 * entry at build time; Keycloak collects every such initializer from the providers when it builds
 * itself, so each node can marshal {@link RbacInvalidationEvent}. Its own proto package keeps it
 * apart from Keycloak's ({@code keycloak}).
 */
@ProtoSchema(
        includeClasses = RbacInvalidationEvent.class,
        schemaFileName = "hierarchical-rbac.proto",
        schemaFilePath = "proto/",
        schemaPackageName = "hierarchicalrbac",
        syntax = ProtoSyntax.PROTO3)
public interface RbacProtoSchema extends GeneratedSchema {
}
