package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.rest.Representations.PermissionInput;
import dev.hierarchicalrbac.rest.Representations.PermissionRep;
import dev.hierarchicalrbac.transfer.StrictJson;
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

import java.util.List;

/** {@code /permissions}: the realm's catalogue. */
@Produces(MediaType.APPLICATION_JSON)
public final class PermissionsResource {

    static final String EVENT_TYPE = "RBAC_PERMISSION";

    private final RequestContext ctx;

    PermissionsResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public List<PermissionRep> list() {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return ctx.store().permissions(ctx.realm()).stream().map(PermissionRep::of).toList();
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        PermissionInput input = StrictJson.object(contentType, body, PermissionInput.class).value();
        String name = Validation.permissionName(input.name());
        String description = Validation.description(input.description());
        ctx.require(Hierarchy.canCreatePermission(ctx.caller()));
        PermissionRep created = PermissionRep.of(ctx.store().createPermission(ctx.realm(), name, description));
        ctx.event(EVENT_TYPE, OperationType.CREATE, "permissions/" + created.id(), created);
        return ctx.created(created.id(), created);
    }

    @GET
    @Path("{id}")
    public PermissionRep get(@PathParam("id") String id) {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return PermissionRep.of(permission(id));
    }

    /** Edits the description; a custom permission may also be renamed (built-ins never). */
    @PUT
    @Path("{id}")
    public PermissionRep update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        StrictJson.Body<PermissionInput> request = StrictJson.object(contentType, body, PermissionInput.class);
        PermissionInput input = request.value();
        Permission current = permission(id);
        if (input.id() != null && !input.id().equals(id)) {
            throw RbacException.invalid("id", "id in the body does not match the path.");
        }
        String name = request.merged("name", input.name(), Validation::permissionName, current.name());
        String description = request.merged("description", input.description(), Validation::description, current.description());
        ctx.require(Hierarchy.canEditPermissionDescription(ctx.caller()));
        if (!name.equals(current.name())) {
            ctx.require(Hierarchy.canRenamePermission(ctx.caller(), current));
        }
        PermissionRep updated = PermissionRep.of(ctx.store().updatePermission(ctx.realm(), id, name, description));
        ctx.event(EVENT_TYPE, OperationType.UPDATE, "permissions/" + id, updated);
        return updated;
    }

    /** Deletes a custom permission, which also takes it away from every role. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Permission current = permission(id);
        ctx.require(Hierarchy.canDeletePermission(ctx.caller(), current));
        ctx.store().deletePermission(ctx.realm(), id);
        ctx.event(EVENT_TYPE, OperationType.DELETE, "permissions/" + id, PermissionRep.of(current));
        return Response.noContent().build();
    }

    private Permission permission(String id) {
        return ctx.store().permission(ctx.realm(), id).orElseThrow(() -> RbacException.notFound("Permission", id));
    }
}
