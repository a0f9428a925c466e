package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.OrganizationLadder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * {@code /organizations/{orgId}}: one organization's ladder (design §10). Its roles and its members'
 * assignments are the realm ladder's resources working on the organization ({@link RequestContext#inOrganization});
 * its owners are its own.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationResource {

    static final String OWNER_EVENT = "RBAC_ORGANIZATION_OWNER";

    private final RequestContext ctx;

    OrganizationResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @Path("roles")
    public RolesResource roles() {
        return new RolesResource(ctx);
    }

    @Path("users/{userId}")
    public UserRolesResource user(@PathParam("userId") String userId) {
        return new UserRolesResource(ctx, userId);
    }

    /** The caller's access in this organization, as {@code GET /me} gives it in the realm. */
    @GET
    @Path("me")
    public Representations.MeRep me() {
        return RbacResource.me(ctx);
    }

    /** The members named owners; the realm's owners own every organization without being listed. */
    @GET
    @Path("owners")
    public List<Representations.UserRep> owners() {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return ctx.users(ctx.store().organizationOwners(ctx.realm(), ctx.ladder()).stream().sorted().toList());
    }

    /** Names a member owner of the organization: a realm owner or an organization owner may. */
    @PUT
    @Path("owners/{userId}")
    public Response addOwner(@PathParam("userId") String userId) {
        ctx.require(OrganizationLadder.canManageOwners(ctx.caller()));
        UserModel user = ctx.user(userId);
        ctx.requireMember(user);
        if (ctx.store().addOrganizationOwner(ctx.realm(), ctx.ladder(), user.getId())) {
            ctx.event(OWNER_EVENT, OperationType.CREATE, "owners/" + user.getId(), Representations.UserRep.of(user));
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("owners/{userId}")
    public Response removeOwner(@PathParam("userId") String userId) {
        ctx.require(OrganizationLadder.canManageOwners(ctx.caller()));
        UserModel user = ctx.user(userId);
        if (ctx.store().removeOrganizationOwner(ctx.realm(), ctx.ladder(), user.getId())) {
            ctx.event(OWNER_EVENT, OperationType.DELETE, "owners/" + user.getId(), Representations.UserRep.of(user));
        }
        return Response.noContent().build();
    }
}
