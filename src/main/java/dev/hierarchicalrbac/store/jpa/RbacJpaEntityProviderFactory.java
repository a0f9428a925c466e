package dev.hierarchicalrbac.store.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/** Registers the extension's entities and Liquibase changelog with Keycloak's JPA layer. */
public final class RbacJpaEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "hierarchical-rbac";
    static final String CHANGELOG = "META-INF/hierarchical-rbac/changelog-master.xml";

    private static final List<Class<?>> ENTITIES = List.of(
            PermissionEntity.class, AdminRoleEntity.class, VisualRoleEntity.class,
            RolePermissionEntity.class, UserAdminRoleEntity.class, UserVisualRoleEntity.class, UserTimeoutEntity.class,
            OrganizationOwnerEntity.class);

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return ENTITIES;
            }

            @Override
            public String getChangelogLocation() {
                return CHANGELOG;
            }

            @Override
            public String getFactoryId() {
                return ID;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
