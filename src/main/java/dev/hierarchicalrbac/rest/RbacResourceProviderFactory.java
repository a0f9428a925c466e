package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.lifecycle.RealmLifecycleListener;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts the API at {@code /admin/realms/{realm}/rbac}, behind Keycloak's own admin authentication
 * (bearer tokens, CORS, {@code kcadm.sh}); authorisation is ours, by the rules of design §3.
 */
public final class RbacResourceProviderFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider {

    public static final String ID = "rbac";

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new RbacResource(new RequestContext(session, realm, auth, adminEvent));
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    /** The extension's one listener of Keycloak's provider events (realms and users come and go). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new RealmLifecycleListener());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
