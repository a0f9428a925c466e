package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.rest.Representations.VisualRoleRep;
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

import java.util.Map;

/** {@code /visual-roles}: cosmetic roles; any holder of {@code manage_roles} manages them, no hierarchy. */
@Produces(MediaType.APPLICATION_JSON)
public final class VisualRolesResource {

    static final String EVENT_TYPE = "RBAC_VISUAL_ROLE";

    private final RequestContext ctx;

    VisualRolesResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list() {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            Map<String, Long> counts = ctx.store().visualRoleMemberCounts(ctx.realm());
            return Response.ok(ctx.store().visualRoles(ctx.realm()).stream()
                    .map(v -> VisualRoleRep.of(v, counts.getOrDefault(v.id(), 0L))).toList()).build();
        });
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            VisualRole values = read(json, null);
            ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
            VisualRole created = ctx.store().createVisualRole(ctx.realm(), values);
            VisualRoleRep rep = VisualRoleRep.of(created, 0L);
            ctx.event(EVENT_TYPE, OperationType.CREATE, "visual-roles/" + created.id(), rep);
            return ctx.created(created.id(), rep);
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            return Response.ok(rep(visualRole(id))).build();
        });
    }

    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            VisualRole current = visualRole(id);
            String bodyId = JsonBody.text(json, "id");
            if (bodyId != null && !bodyId.equals(id)) {
                throw ApiException.badRequest("id", "id in the body does not match the path.");
            }
            VisualRole values = read(json, current);
            ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
            VisualRoleRep updated = rep(ctx.store().updateVisualRole(ctx.realm(), id, values));
            ctx.event(EVENT_TYPE, OperationType.UPDATE, "visual-roles/" + id, updated);
            return Response.ok(updated).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return ctx.run(() -> {
            VisualRole current = visualRole(id);
            ctx.require(Hierarchy.canManageVisualRoles(ctx.caller()));
            ctx.store().deleteVisualRole(ctx.realm(), id);
            ctx.event(EVENT_TYPE, OperationType.DELETE, "visual-roles/" + id, VisualRoleRep.of(current, null));
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{id}/users")
    public Response members(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return ctx.run(() -> {
            Paging paging = Paging.of(first, max);
            ctx.require(Hierarchy.canReadMembers(ctx.caller(), ctx.callerCanViewUsers()));
            visualRole(id);
            return Response.ok(ctx.users(ctx.store().visualRoleMembers(ctx.realm(), id, paging.first(), paging.max()))).build();
        });
    }

    /** Reads a visual role from the body; with {@code current}, fields left out keep their value. */
    private static VisualRole read(ObjectNode json, VisualRole current) {
        String name = current != null && !JsonBody.has(json, "name") ? current.name()
                : Validation.roleName(JsonBody.text(json, "name"));
        String description = current != null && !JsonBody.has(json, "description") ? current.description()
                : Validation.description(JsonBody.text(json, "description"));
        String color = current != null && !JsonBody.has(json, "color") ? current.color()
                : Validation.color(JsonBody.text(json, "color"));
        String icon = current != null && !JsonBody.has(json, "icon") ? current.icon()
                : Validation.icon(JsonBody.text(json, "icon"));
        int position = current != null && !JsonBody.has(json, "position") ? current.position()
                : displayPosition(JsonBody.integer(json, "position"));
        return new VisualRole(current == null ? null : current.id(), name, description, position, color, icon);
    }

    /** Display order only: 0 or more, 0 when left out. */
    private static int displayPosition(Integer position) {
        if (position == null) {
            return 0;
        }
        if (position < 0) {
            throw ApiException.badRequest("position", "position must be 0 or more.");
        }
        return position;
    }

    private VisualRoleRep rep(VisualRole v) {
        return VisualRoleRep.of(v, ctx.store().visualRoleMemberCounts(ctx.realm()).getOrDefault(v.id(), 0L));
    }

    private VisualRole visualRole(String id) {
        return ctx.store().visualRole(ctx.realm(), id)
                .orElseThrow(() -> ApiException.notFound("Visual role '" + id + "' not found"));
    }
}
