package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.rest.Representations.MeRep;
import dev.hierarchicalrbac.rest.Representations.OrganizationRep;
import dev.hierarchicalrbac.rest.Representations.RoleRep;
import dev.hierarchicalrbac.rest.Representations.VisualRoleRep;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /admin/realms/{realm}/rbac}: the root of the API of design §4. */
public final class RbacResource {

    private final RequestContext ctx;

    RbacResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @Path("permissions")
    public PermissionsResource permissions() {
        return new PermissionsResource(ctx);
    }

    @Path("roles")
    public RolesResource roles() {
        return new RolesResource(ctx);
    }

    @Path("visual-roles")
    public VisualRolesResource visualRoles() {
        return new VisualRolesResource(ctx);
    }

    @Path("users/{userId}")
    public UserAssignmentsResource user(@PathParam("userId") String userId) {
        return new UserAssignmentsResource(ctx, userId);
    }

    /**
     * The organizations whose ladder the caller may pick (design §10), by name, paged like a role's
     * members; an empty list while Organizations are off for the realm.
     */
    @GET
    @Path("organizations")
    @Produces(MediaType.APPLICATION_JSON)
    public List<OrganizationRep> organizations(@QueryParam("first") String first, @QueryParam("max") String max) {
        Paging paging = Paging.of(first, max);
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return ctx.organizationsShownToCaller(paging).stream().map(OrganizationRep::of).toList();
    }

    /** One organization's ladder (design §10); an organization of another realm is 404. */
    @Path("organizations/{orgId}")
    public OrganizationResource organization(@PathParam("orgId") String orgId) {
        return new OrganizationResource(ctx.inOrganization(orgId));
    }

    @Path("user-administration")
    public UserAdministrationResource userAdministration() {
        return new UserAdministrationResource(ctx);
    }

    /** The whole configuration as one document (design §6); {@code ?as=realm-attribute} for the realm file. */
    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@QueryParam("as") String as) {
        return Transfer.export(ctx, as);
    }

    /** Applies a document: idempotent, all or nothing; {@code dryRun} reports, {@code prune} also removes. */
    @POST
    @Path("import")
    @Produces(MediaType.APPLICATION_JSON)
    public Response importConfiguration(@QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
                                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return Transfer.importDocument(ctx, dryRun, prune, contentType, body);
    }

    /** The caller's own access, roles and visual roles. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public MeRep me() {
        return me(ctx);
    }

    /**
     * The caller's access in the request's ladder, with its roles they hold; their visual roles are
     * the realm's (visual roles have no ladders), and so is a time-out.
     */
    static MeRep me(RequestContext ctx) {
        Actor caller = ctx.caller();
        List<RoleRep> roles = ctx.store().rolesOf(ctx.realm(), ctx.ladder(), caller.userId()).stream()
                .map(r -> RoleRep.of(r, null)).toList();
        List<VisualRoleRep> visual = ctx.store().visualRolesOf(ctx.realm(), caller.userId()).stream()
                .map(v -> VisualRoleRep.of(v, null)).toList();
        return new MeRep(caller.userId(), ctx.callerUser().getUsername(), caller.permissions(), caller.highestPosition(),
                caller.owner(), Representations.until(ctx.timeout(ctx.callerUser())), roles, visual);
    }
}
