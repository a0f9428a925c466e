package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.domain.Actor;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Reorder;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.rest.Representations.RoleRep;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code /roles}: admin roles, the bulk reorder and role members. */
@Produces(MediaType.APPLICATION_JSON)
public final class RolesResource {

    static final String EVENT_TYPE = "RBAC_ADMIN_ROLE";

    private final RequestContext ctx;

    RolesResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** Highest position first, {@code @everyone} last. */
    @GET
    public Response list() {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            return Response.ok(listed()).build();
        });
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            Actor caller = ctx.caller();
            String name = Validation.newRoleName(JsonBody.text(json, "name"));
            String description = Validation.description(JsonBody.text(json, "description"));
            int position = Validation.position(JsonBody.integer(json, "position"));
            String color = Validation.color(JsonBody.text(json, "color"));
            String icon = Validation.icon(JsonBody.text(json, "icon"));
            Set<String> permissions = knownPermissions(JsonBody.strings(json, "permissions"));
            ctx.require(Hierarchy.canCreateRole(caller, position, permissions));
            AdminRole created = ctx.store().createRole(ctx.realm(),
                    new AdminRole(null, name, description, position, color, icon, permissions));
            RoleRep rep = RoleRep.of(created, 0L);
            ctx.event(EVENT_TYPE, OperationType.CREATE, "roles/" + created.id(), rep);
            return ctx.created(created.id(), rep);
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return ctx.run(() -> {
            ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
            AdminRole role = ctx.role(id);
            return Response.ok(rep(role)).build();
        });
    }

    /**
     * Takes the representation {@code GET} returns; a field left out keeps its value. Each change is
     * judged by its own rule (edit, move, change permissions) before anything is written.
     */
    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ObjectNode json = JsonBody.object(contentType, body);
            Actor caller = ctx.caller();
            AdminRole role = ctx.role(id);
            String bodyId = JsonBody.text(json, "id");
            if (bodyId != null && !bodyId.equals(id)) {
                throw ApiException.badRequest("id", "id in the body does not match the path.");
            }

            String name = role.name();
            if (JsonBody.has(json, "name")) {
                String requested = JsonBody.text(json, "name");
                // Sending back @everyone's own name is not a rename.
                if (!Objects.equals(requested, role.name())) {
                    name = Validation.newRoleName(requested);
                }
            }
            String description = JsonBody.has(json, "description")
                    ? Validation.description(JsonBody.text(json, "description")) : role.description();
            String color = JsonBody.has(json, "color") ? Validation.color(JsonBody.text(json, "color")) : role.color();
            String icon = JsonBody.has(json, "icon") ? Validation.icon(JsonBody.text(json, "icon")) : role.icon();
            Integer position = JsonBody.has(json, "position") ? JsonBody.integer(json, "position") : null;
            if (position != null && position != role.position()) {
                Validation.position(position);
            }
            Set<String> permissions = JsonBody.has(json, "permissions")
                    ? knownPermissions(JsonBody.strings(json, "permissions")) : null;

            boolean renaming = !name.equals(role.name());
            boolean editing = renaming || !Objects.equals(description, role.description())
                    || !Objects.equals(color, role.color()) || !Objects.equals(icon, role.icon());
            boolean moving = position != null && position != role.position();
            boolean regranting = permissions != null && !permissions.equals(role.permissions());

            if (editing || (!moving && !regranting)) {
                ctx.require(Hierarchy.canEditRole(caller, role, renaming));
            }
            if (moving) {
                ctx.require(Hierarchy.canMove(caller, role, position));
            }
            if (regranting) {
                Set<String> added = new TreeSet<>(permissions);
                added.removeAll(role.permissions());
                Set<String> removed = new TreeSet<>(role.permissions());
                removed.removeAll(permissions);
                ctx.require(Hierarchy.canChangePermissions(caller, role, added, removed));
            }

            if (editing) {
                ctx.store().updateRole(ctx.realm(), id, name, description, color, icon);
            }
            if (moving) {
                ctx.store().moveRoles(ctx.realm(), Map.of(id, position));
            }
            if (regranting) {
                ctx.store().setRolePermissions(ctx.realm(), id, permissions);
            }
            RoleRep updated = rep(ctx.role(id));
            ctx.event(EVENT_TYPE, OperationType.UPDATE, "roles/" + id, updated);
            return Response.ok(updated).build();
        });
    }

    /**
     * Bulk reorder, body {@code [{"id": …, "position": …}]}: every moved role is judged, then all
     * moves apply in one transaction or none does. Positions are never shifted implicitly.
     */
    @PUT
    @Path("positions")
    public Response reorder(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ctx.run(() -> {
            ArrayNode json = JsonBody.array(contentType, body);
            Actor caller = ctx.caller();
            List<Reorder.Move> moves = new ArrayList<>();
            for (JsonNode item : json) {
                if (!item.isObject()) {
                    throw ApiException.badRequest(null, "Every item must be an object {\"id\": …, \"position\": …}.");
                }
                moves.add(new Reorder.Move(JsonBody.text((ObjectNode) item, "id"), JsonBody.integer((ObjectNode) item, "position")));
            }
            List<AdminRole> roles = ctx.store().roles(ctx.realm());
            Map<String, AdminRole> byId = roles.stream().collect(Collectors.toMap(AdminRole::id, r -> r));
            Map<String, Integer> current = new HashMap<>();
            roles.forEach(r -> current.put(r.id(), r.position()));
            Reorder.apply(current, moves);

            Map<AdminRole, Integer> changes = new LinkedHashMap<>();
            Map<String, Integer> newPositions = new LinkedHashMap<>();
            for (Reorder.Move move : moves) {
                AdminRole role = byId.get(move.roleId());
                if (role.position() != move.position()) {
                    changes.put(role, move.position());
                    newPositions.put(role.id(), move.position());
                }
            }
            ctx.require(Hierarchy.canReorder(caller, changes));
            if (!newPositions.isEmpty()) {
                ctx.store().moveRoles(ctx.realm(), newPositions);
                ctx.event(EVENT_TYPE, OperationType.UPDATE, "roles/positions", newPositions);
            }
            return Response.ok(listed()).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return ctx.run(() -> {
            AdminRole role = ctx.role(id);
            ctx.require(Hierarchy.canDeleteRole(ctx.caller(), role));
            ctx.store().deleteRole(ctx.realm(), id);
            ctx.event(EVENT_TYPE, OperationType.DELETE, "roles/" + id, RoleRep.of(role, null));
            return Response.noContent().build();
        });
    }

    /** Members of a role, paged ({@code first}, {@code max} ≤ 1000), ordered by user id. */
    @GET
    @Path("{id}/users")
    public Response members(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return ctx.run(() -> {
            Paging paging = Paging.of(first, max);
            ctx.require(Hierarchy.canReadMembers(ctx.caller(), ctx.callerCanViewUsers()));
            AdminRole role = ctx.role(id);
            if (role.isEveryone()) {
                throw ApiException.conflict("id", "Every user holds @everyone implicitly; list the realm's users instead.");
            }
            return Response.ok(ctx.users(ctx.store().roleMembers(ctx.realm(), id, paging.first(), paging.max()))).build();
        });
    }

    /** Every role, highest first, with member counts ({@code @everyone} has none: everybody holds it). */
    private List<RoleRep> listed() {
        Map<String, Long> counts = ctx.store().roleMemberCounts(ctx.realm());
        return ctx.store().roles(ctx.realm()).stream()
                .map(r -> RoleRep.of(r, r.isEveryone() ? null : counts.getOrDefault(r.id(), 0L))).toList();
    }

    private RoleRep rep(AdminRole role) {
        Long count = role.isEveryone() ? null : ctx.store().roleMemberCounts(ctx.realm()).getOrDefault(role.id(), 0L);
        return RoleRep.of(role, count);
    }

    /** Permission names must name the realm's catalogue (400 naming the unknown ones otherwise). */
    private Set<String> knownPermissions(Set<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<String> catalogue = ctx.store().permissions(ctx.realm()).stream().map(Permission::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(catalogue);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("permissions", "Unknown permission(s): " + String.join(", ", unknown) + ".");
        }
        return new TreeSet<>(names);
    }
}
