package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.rest.Representations.PermissionRep;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;

/** {@code /permissions}: the realm's catalogue. */
@Produces(MediaType.APPLICATION_JSON)
public final class PermissionsResource {

    static final String EVENT_TYPE = "RBAC_PERMISSION";

    private final RequestContext ctx;

    PermissionsResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list() {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            return Response.ok(ctx.store().permissions(ctx.realm()).stream().map(PermissionRep::of).toList()).build();
        });
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            String name = Validation.permissionName(JsonBody.text(json, "name"));
            String description = Validation.description(JsonBody.text(json, "description"));
            ctx.require(Hierarchy.canCreatePermission(ctx.caller()));
            PermissionRep created = PermissionRep.of(ctx.store().createPermission(ctx.realm(), name, description));
            ctx.event(EVENT_TYPE, OperationType.CREATE, "permissions/" + created.id(), created);
            return ctx.created(created.id(), created);
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            return Response.ok(PermissionRep.of(permission(id))).build();
        });
    }

    /** Edits the description; a custom permission may also be renamed (built-ins never). */
    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            Permission current = permission(id);
            String name = JsonBody.has(json, "name") ? Validation.permissionName(JsonBody.text(json, "name")) : current.name();
            String description = JsonBody.has(json, "description")
                    ? Validation.description(JsonBody.text(json, "description")) : current.description();
            ctx.require(Hierarchy.canEditPermissionDescription(ctx.caller()));
            if (!name.equals(current.name())) {
                ctx.require(Hierarchy.canRenamePermission(ctx.caller(), current));
            }
            PermissionRep updated = PermissionRep.of(ctx.store().updatePermission(ctx.realm(), id, name, description));
            ctx.event(EVENT_TYPE, OperationType.UPDATE, "permissions/" + id, updated);
            return Response.ok(updated).build();
        });
    }

    /** Deletes a custom permission, which also takes it away from every role. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return ctx.run(() -> {
            Permission current = permission(id);
            ctx.require(Hierarchy.canDeletePermission(ctx.caller(), current));
            ctx.store().deletePermission(ctx.realm(), id);
            ctx.event(EVENT_TYPE, OperationType.DELETE, "permissions/" + id, PermissionRep.of(current));
            return Response.noContent().build();
        });
    }

    private Permission permission(String id) {
        return ctx.store().permission(ctx.realm(), id)
                .orElseThrow(() -> ApiException.notFound("Permission '" + id + "' not found"));
    }
}
