package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.fgap.UserAdministration;
import dev.hierarchicalrbac.rest.Representations.UserAdministrationRep;
import dev.hierarchicalrbac.transfer.StrictJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;

/**
 * {@code /rbac/user-administration} (design §9): whether the hierarchy governs Keycloak's own users of
 * the realm through Fine-Grained Admin Permissions, switched on and off in one call. Owners only.
 */
public final class UserAdministrationResource {

    static final String EVENT_TYPE = "RBAC_USER_ADMINISTRATION";

    private final RequestContext ctx;

    UserAdministrationResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserAdministrationRep get() {
        ctx.require(Hierarchy.canConfigureUserAdministration(ctx.caller()));
        return UserAdministrationRep.of(UserAdministration.state(ctx.session(), ctx.realm()));
    }

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    public UserAdministrationRep put(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        ctx.require(Hierarchy.canConfigureUserAdministration(ctx.caller()));
        UserAdministration.Switch request = StrictJson.object(contentType, body, UserAdministration.Switch.class).value();
        UserAdministration.State state = UserAdministration.apply(ctx.session(), ctx.realm(), request);
        UserAdministrationRep rep = UserAdministrationRep.of(state);
        ctx.event(EVENT_TYPE, OperationType.UPDATE, "user-administration", rep);
        return rep;
    }
}
