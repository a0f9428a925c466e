package dev.hierarchicalrbac.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Creates the JPA-backed {@link RbacStore} on Keycloak's own entity manager and transaction. */
public final class JpaRbacStoreFactory implements RbacStoreFactory {

    public static final String ID = "jpa";

    @Override
    public RbacStore create(KeycloakSession session) {
        return new JpaRbacStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
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
