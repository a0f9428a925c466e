package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Reorder;
import dev.hierarchicalrbac.domain.RoleEdit;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.rest.Representations.MoveInput;
import dev.hierarchicalrbac.rest.Representations.RoleInput;
import dev.hierarchicalrbac.rest.Representations.RoleRep;
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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /roles}: admin roles, the bulk reorder and role members, of the realm's ladder or, under
 * {@code /organizations/{orgId}/roles}, of one organization's ({@link RequestContext#ladder}).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class RolesResource {

    static final String EVENT_TYPE = "RBAC_ADMIN_ROLE";

    private static final TypeReference<List<MoveInput>> MOVES = new TypeReference<>() {
    };

    private final RequestContext ctx;

    RolesResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** Highest position first, {@code @everyone} last. */
    @GET
    public List<RoleRep> list() {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return listed();
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        RoleInput input = StrictJson.object(contentType, body, RoleInput.class).value();
        AdminRole wanted = new AdminRole(null, Validation.newRoleName(input.name()), Validation.description(input.description()),
                Validation.position(input.position()), Validation.color(input.color()), Validation.icon(input.icon()),
                knownPermissions(input.permissions()));
        ctx.require(Hierarchy.canCreateRole(ctx.caller(), wanted.position(), wanted.permissions()));
        AdminRole created = ctx.store().createRole(ctx.realm(), ctx.ladder(), wanted);
        RoleRep rep = RoleRep.of(created, 0L);
        ctx.event(EVENT_TYPE, OperationType.CREATE, "roles/" + created.id(), rep);
        return ctx.created(created.id(), rep);
    }

    @GET
    @Path("{id}")
    public RoleRep get(@PathParam("id") String id) {
        ctx.require(Hierarchy.canReadCatalogue(ctx.caller()));
        return rep(ctx.role(id));
    }

    /**
     * Takes the representation {@code GET} returns; a field left out keeps its value. Each change is
     * judged by its own rule (edit, move, change permissions) before anything is written.
     */
    @PUT
    @Path("{id}")
    public RoleRep update(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        StrictJson.Body<RoleInput> request = StrictJson.object(contentType, body, RoleInput.class);
        AdminRole role = ctx.role(id);
        RoleEdit edit = new RoleEdit(role, wanted(role, request));
        ctx.require(Hierarchy.canApply(ctx.caller(), edit));
        if (edit.editing()) {
            AdminRole w = edit.wanted();
            ctx.store().updateRole(ctx.realm(), ctx.ladder(), id, w.name(), w.description(), w.color(), w.icon());
        }
        if (edit.moving()) {
            ctx.store().moveRoles(ctx.realm(), ctx.ladder(), Map.of(id, edit.wanted().position()));
        }
        if (edit.regranting()) {
            ctx.store().setRolePermissions(ctx.realm(), ctx.ladder(), id, edit.wanted().permissions());
        }
        RoleRep updated = rep(ctx.role(id));
        ctx.event(EVENT_TYPE, OperationType.UPDATE, "roles/" + id, updated);
        return updated;
    }

    /**
     * Bulk reorder, body {@code [{"id": …, "position": …}]}: every moved role is judged, then all
     * moves apply in one transaction or none does. Positions are never shifted implicitly.
     */
    @PUT
    @Path("positions")
    public List<RoleRep> reorder(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        List<Reorder.Move> moves = StrictJson.array(contentType, body, MOVES).stream()
                .map(m -> m == null ? null : new Reorder.Move(m.id(), m.position())).toList();
        Map<String, AdminRole> byId = ctx.store().roles(ctx.realm(), ctx.ladder()).stream()
                .collect(Collectors.toMap(AdminRole::id, Function.identity()));
        Map<String, Integer> current = byId.values().stream().collect(Collectors.toMap(AdminRole::id, AdminRole::position));
        Reorder.apply(current, moves);
        Map<AdminRole, Integer> changes = new LinkedHashMap<>();
        moves.stream().filter(m -> byId.get(m.roleId()).position() != m.position())
                .forEach(m -> changes.put(byId.get(m.roleId()), m.position()));
        ctx.require(Hierarchy.canReorder(ctx.caller(), changes));
        if (!changes.isEmpty()) {
            Map<String, Integer> newPositions = new LinkedHashMap<>();
            changes.forEach((role, position) -> newPositions.put(role.id(), position));
            ctx.store().moveRoles(ctx.realm(), ctx.ladder(), newPositions);
            ctx.event(EVENT_TYPE, OperationType.UPDATE, "roles/positions", newPositions);
        }
        return listed();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AdminRole role = ctx.role(id);
        ctx.require(Hierarchy.canDeleteRole(ctx.caller(), role));
        ctx.store().deleteRole(ctx.realm(), ctx.ladder(), id);
        ctx.event(EVENT_TYPE, OperationType.DELETE, "roles/" + id, RoleRep.of(role, null));
        return Response.noContent().build();
    }

    /** Members of a role, paged ({@code first}, {@code max} ≤ 1000), ordered by user id. */
    @GET
    @Path("{id}/users")
    public List<Representations.UserRep> members(@PathParam("id") String id, @QueryParam("first") String first,
                                                 @QueryParam("max") String max) {
        Paging paging = Paging.of(first, max);
        ctx.require(Hierarchy.canReadMembers(ctx.caller(), ctx.callerCanViewUsers()));
        AdminRole role = ctx.role(id);
        if (role.isEveryone()) {
            throw RbacException.conflict("id", "Every user holds @everyone implicitly; list the realm's users instead.");
        }
        return ctx.users(ctx.store().roleMembers(ctx.realm(), ctx.ladder(), id, paging.first(), paging.max()));
    }

    /** The role a PUT asks for: the body's fields, validated, over the role's current values. */
    private AdminRole wanted(AdminRole role, StrictJson.Body<RoleInput> request) {
        RoleInput input = request.value();
        if (input.id() != null && !input.id().equals(role.id())) {
            throw RbacException.invalid("id", "id in the body does not match the path.");
        }
        // Sending back the current name (@everyone's included) is not a rename, nor the current position a move.
        return new AdminRole(role.id(),
                request.merged("name", input.name(), n -> Objects.equals(n, role.name()) ? n : Validation.newRoleName(n), role.name()),
                request.merged("description", input.description(), Validation::description, role.description()),
                request.merged("position", input.position(),
                        p -> p == null || p == role.position() ? role.position() : Validation.position(p), role.position()),
                request.merged("color", input.color(), Validation::color, role.color()),
                request.merged("icon", input.icon(), Validation::icon, role.icon()),
                request.merged("permissions", input.permissions(),
                        names -> names == null ? role.permissions() : knownPermissions(names), role.permissions()));
    }

    /** Every role, highest first, with member counts ({@code @everyone} has none: everybody holds it). */
    private List<RoleRep> listed() {
        Map<String, Long> counts = ctx.store().roleMemberCounts(ctx.realm(), ctx.ladder());
        return ctx.store().roles(ctx.realm(), ctx.ladder()).stream()
                .map(r -> RoleRep.of(r, r.isEveryone() ? null : counts.getOrDefault(r.id(), 0L))).toList();
    }

    private RoleRep rep(AdminRole role) {
        Long count = role.isEveryone() ? null : ctx.store().roleMemberCounts(ctx.realm(), ctx.ladder()).getOrDefault(role.id(), 0L);
        return RoleRep.of(role, count);
    }

    /** Permission names must name the realm's catalogue (400 naming the unknown ones otherwise). */
    private Set<String> knownPermissions(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        if (names.contains(null)) {
            throw RbacException.invalid("permissions", "permissions must be an array of strings.");
        }
        Set<String> catalogue = ctx.store().permissions(ctx.realm()).stream().map(Permission::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(catalogue);
        if (!unknown.isEmpty()) {
            throw RbacException.invalid("permissions", "Unknown permission(s): " + String.join(", ", unknown) + ".");
        }
        return new TreeSet<>(names);
    }
}
