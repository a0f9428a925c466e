package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.rest.Representations.VisualRoleInput;
import dev.hierarchicalrbac.rest.Representations.VisualRoleRep;
import dev.hierarchicalrbac.transfer.StrictJson;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code /visual-roles}: cosmetic roles; any holder of {@code manage_roles} manages them, no hierarchy. */
@Produces(MediaType.APPLICATION_JSON)
public final class VisualRolesResource {

    static final String EVENT_TYPE = "RBAC_VISUAL_ROLE";

    private final RequestContext ctx;

    VisualRolesResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public List<VisualRoleRep> list() {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        Map<String, Long> counts = ctx.store().visualRoleMemberCounts(ctx.realm());
        return ctx.store().visualRoles(ctx.realm()).stream()
                .map(v -> VisualRoleRep.of(v, counts.getOrDefault(v.id(), 0L))).toList();
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        VisualRoleInput input = StrictJson.object(contentType, body, VisualRoleInput.class).value();
        VisualRole wanted = new VisualRole(null, Validation.roleName(input.name()), Validation.description(input.description()),
                Validation.visualPosition(input.position()), Validation.color(input.color()), Validation.icon(input.icon()));
        ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
        VisualRole created = ctx.store().createVisualRole(ctx.realm(), wanted);
        VisualRoleRep rep = VisualRoleRep.of(created, 0L);
        ctx.event(EVENT_TYPE, OperationType.CREATE, "visual-roles/" + created.id(), rep);
        return ctx.created(created.id(), rep);
    }

    @GET
    @Path("{id}")
    public VisualRoleRep get(@PathParam("id") String id) {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return rep(ctx.visualRole(id));
    }

    /** Takes the representation {@code GET} returns; a field left out keeps its value. */
    @PUT
    @Path("{id}")
    public VisualRoleRep update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        StrictJson.Body<VisualRoleInput> request = StrictJson.object(contentType, body, VisualRoleInput.class);
        VisualRoleInput input = request.value();
        VisualRole current = ctx.visualRole(id);
        if (input.id() != null && !input.id().equals(id)) {
            throw RbacException.invalid("id", "id in the body does not match the path.");
        }
        VisualRole wanted = new VisualRole(id,
                // The current name sent back is kept as stored: v0.1.0 let in names the rules now refuse
                // (e.g. a zero-width space), and such a visual role must stay editable (UpgradeIT).
                request.merged("name", input.name(), n -> Objects.equals(n, current.name()) ? n : Validation.roleName(n), current.name()),
                request.merged("description", input.description(), Validation::description, current.description()),
                request.merged("position", input.position(), Validation::visualPosition, current.position()),
                request.merged("color", input.color(), Validation::color, current.color()),
                request.merged("icon", input.icon(), Validation::icon, current.icon()));
        ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
        VisualRoleRep updated = rep(ctx.store().updateVisualRole(ctx.realm(), id, wanted));
        ctx.event(EVENT_TYPE, OperationType.UPDATE, "visual-roles/" + id, updated);
        return updated;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        VisualRole current = ctx.visualRole(id);
        ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
        ctx.store().deleteVisualRole(ctx.realm(), id);
        ctx.event(EVENT_TYPE, OperationType.DELETE, "visual-roles/" + id, VisualRoleRep.of(current, null));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/users")
    public List<Representations.UserRep> members(@PathParam("id") String id, @QueryParam("first") String first,
                                                 @QueryParam("max") String max) {
        Paging paging = Paging.of(first, max);
        ctx.require(Hierarchy.canReadMembers(ctx.caller(), ctx.callerCanViewUsers()));
        ctx.visualRole(id);
        return ctx.users(ctx.store().visualRoleMembers(ctx.realm(), id, paging.first(), paging.max()));
    }

    private VisualRoleRep rep(VisualRole v) {
        return VisualRoleRep.of(v, ctx.store().visualRoleMemberCounts(ctx.realm()).getOrDefault(v.id(), 0L));
    }
}
