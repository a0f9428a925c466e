package dev.hierarchicalrbac.domain;

import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_PERMISSIONS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_ROLES;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_USERS;
import static dev.hierarchicalrbac.domain.Refusal.BUILT_IN;
import static dev.hierarchicalrbac.domain.Refusal.EVERYONE_PROTECTED;
import static dev.hierarchicalrbac.domain.Refusal.HIERARCHY;
import static dev.hierarchicalrbac.domain.Refusal.MISSING_PERMISSION;
import static dev.hierarchicalrbac.domain.Refusal.OWNER_ONLY;
import static dev.hierarchicalrbac.domain.Refusal.OWNER_PROTECTION;
import static dev.hierarchicalrbac.domain.Refusal.PERMISSION_NOT_HELD;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * "Who may do what" (design section 3), one method per row of the table.
 *
 * <p>Every method checks in the same order, so the refusal a caller sees is predictable:
 * <ol>
 *   <li>structural rules about the thing itself ({@code @everyone}, built-in permissions) — these bind
 *       owners too;</li>
 *   <li>owner bypass;</li>
 *   <li>owner protection (nobody but an owner touches an owner's assignments);</li>
 *   <li>missing permission;</li>
 *   <li>hierarchy — "below" is always strictly lower, an equal position is refused;</li>
 *   <li>permission not held (nobody grants, revokes or deletes what they do not hold).</li>
 * </ol>
 */
public final class Hierarchy {

    private Hierarchy() {
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Catalogue, admin roles, visual roles, own assignments: any authenticated user of the realm. */
    public static Decision canReadCatalogue(Actor a) {
        return Decision.allow();
    }

    /** Another user's assignments or effective permissions: manage_roles or manage_users or view-users. */
    public static Decision canReadUser(Actor a, String targetUserId, boolean keycloakViewUsers) {
        if (a.owner()) {
            return ownerBypass();
        }
        if (a.userId().equals(targetUserId)) {
            return Decision.allow("Everyone may read their own assignments and permissions.");
        }
        return canReadMembers(a, keycloakViewUsers);
    }

    /** The members of a role are other users' assignments: read as for another user. */
    public static Decision canReadMembers(Actor a, boolean keycloakViewUsers) {
        if (a.owner()) {
            return ownerBypass();
        }
        if (a.has(MANAGE_ROLES) || a.has(MANAGE_USERS) || keycloakViewUsers) {
            return Decision.allow();
        }
        return Decision.refuse(MISSING_PERMISSION,
                "Missing permission '" + MANAGE_ROLES + "' or '" + MANAGE_USERS + "'.");
    }

    // ---- admin roles --------------------------------------------------------------------------

    /** manage_roles, p &lt; h; starting with permissions also needs manage_permissions and all of them in P. */
    public static Decision canCreateRole(Actor a, int position, Set<String> initialPermissions) {
        if (a.owner()) {
            return ownerBypass();
        }
        Set<String> initial = initialPermissions == null ? Set.of() : initialPermissions;
        return firstRefusal(
                needs(a, MANAGE_ROLES),
                initial.isEmpty() ? Decision.allow() : needs(a, MANAGE_PERMISSIONS),
                positionBelow(a, position),
                holdsAll(a, initial));
    }

    /**
     * Name, description, colour, icon: manage_roles, R.position &lt; h.
     *
     * <p>{@code @everyone} cannot be renamed, but its description, colour and icon are edited under the
     * normal rule: its position 0 is below anyone holding a role, and refused for a user without one.
     */
    public static Decision canEditRole(Actor a, AdminRole r, boolean renaming) {
        if (r.isEveryone() && renaming) {
            return everyoneProtected("The @everyone role cannot be renamed.");
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(needs(a, MANAGE_ROLES), roleBelow(a, r));
    }

    /** For the "can-manage/roles/{id}" decision endpoint: may {@code a} edit {@code r}. */
    public static Decision canManageRole(Actor a, AdminRole r) {
        return canEditRole(a, r, false);
    }

    /** manage_roles; the old and the new position both &lt; h. {@code @everyone} never moves. */
    public static Decision canMove(Actor a, AdminRole r, int newPosition) {
        if (r.isEveryone()) {
            return everyoneCannotMove();
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(needs(a, MANAGE_ROLES), roleBelow(a, r), newPositionBelow(a, r, newPosition));
    }

    /**
     * A bulk reorder is allowed only if every move is: {@link #canMove} for each, in the map's iteration
     * order (pass a {@code LinkedHashMap} for a stable answer), the first refusal wins. Positions must
     * have been validated first (see {@link Reorder#apply}).
     */
    public static Decision canReorder(Actor a, Map<AdminRole, Integer> moves) {
        // Structural first across the whole request, like every other rule.
        if (moves.keySet().stream().anyMatch(AdminRole::isEveryone)) {
            return everyoneCannotMove();
        }
        if (a.owner()) {
            return ownerBypass();
        }
        Decision permission = needs(a, MANAGE_ROLES);
        if (!permission.allowed()) {
            return permission;
        }
        for (Map.Entry<AdminRole, Integer> move : moves.entrySet()) {
            Decision decision = canMove(a, move.getKey(), move.getValue());
            if (!decision.allowed()) {
                return decision;
            }
        }
        return Decision.allow();
    }

    /**
     * A role edit ({@code PUT /roles/{id}}): each kind of change it holds by its own rule, name and
     * looks by {@link #canEditRole}, position by {@link #canMove}, permissions by
     * {@link #canChangePermissions}, the first refusal wins. An edit that changes nothing is judged as
     * an edit, so the answer never depends on whether the values were already there.
     */
    public static Decision canApply(Actor a, RoleEdit edit) {
        AdminRole r = edit.current();
        return firstRefusal(
                edit.editing() || (!edit.moving() && !edit.regranting()) ? canEditRole(a, r, edit.renaming()) : Decision.allow(),
                edit.moving() ? canMove(a, r, edit.wanted().position()) : Decision.allow(),
                edit.regranting() ? canChangePermissions(a, r, edit.added(), edit.removed()) : Decision.allow());
    }

    /** manage_permissions, R.position &lt; h, every added or removed permission in P. */
    public static Decision canChangePermissions(Actor a, AdminRole r, Set<String> added, Set<String> removed) {
        if (a.owner()) {
            return ownerBypass();
        }
        Set<String> changed = new TreeSet<>();
        if (added != null) {
            changed.addAll(added);
        }
        if (removed != null) {
            changed.addAll(removed);
        }
        return firstRefusal(needs(a, MANAGE_PERMISSIONS), roleBelow(a, r), holdsAll(a, changed));
    }

    /** manage_roles, R.position &lt; h. {@code @everyone} is never deleted. */
    public static Decision canDeleteRole(Actor a, AdminRole r) {
        Decision structural = canEverDelete(r);
        if (!structural.allowed()) {
            return structural;
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(needs(a, MANAGE_ROLES), roleBelow(a, r));
    }

    /** Assign or unassign: U not an owner, manage_roles, R.position &lt; h. {@code @everyone} is implicit. */
    public static Decision canAssignRole(Actor a, AdminRole r, TargetUser u) {
        Decision structural = canEverAssign(r);
        if (!structural.allowed()) {
            return structural;
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(
                ownerProtected(u, "Only an owner may change an owner's assignments."),
                needs(a, MANAGE_ROLES),
                roleBelow(a, r));
    }

    /**
     * Replacing a user's whole set of admin roles: the request as such needs manage_roles and a
     * non-owner target, even when it would change nothing; each role added or removed is then judged
     * by {@link #canAssignRole}.
     */
    public static Decision canReplaceRoles(Actor a, TargetUser u) {
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(
                ownerProtected(u, "Only an owner may change an owner's assignments."),
                needs(a, MANAGE_ROLES));
    }

    /**
     * The whole replacement of a user's admin roles: {@link #canReplaceRoles(Actor, TargetUser)}, then
     * {@link #canAssignRole} for every role added or removed, the first refusal wins.
     */
    public static Decision canReplaceRoles(Actor a, TargetUser u, Collection<AdminRole> changed) {
        Decision request = canReplaceRoles(a, u);
        if (!request.allowed()) {
            return request;
        }
        for (AdminRole role : changed) {
            Decision decision = canAssignRole(a, role, u);
            if (!decision.allowed()) {
                return decision;
            }
        }
        return request;
    }

    // ---- visual roles -------------------------------------------------------------------------

    /** Create, edit, delete a visual role: manage_roles (visual roles carry no authority, no hierarchy). */
    public static Decision canManageVisualRoles(Actor a) {
        if (a.owner()) {
            return ownerBypass();
        }
        return needs(a, MANAGE_ROLES);
    }

    /** Assign or unassign a visual role: U not an owner, manage_users, and U is A or below A. */
    public static Decision canAssignVisualRole(Actor a, TargetUser u) {
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(
                ownerProtected(u, "Only an owner may change an owner's assignments."),
                needs(a, MANAGE_USERS),
                a.is(u) ? Decision.allow() : userBelow(a, u));
    }

    // ---- users --------------------------------------------------------------------------------

    /**
     * For the "can-manage/users/{id}" decision endpoint: U not an owner, manage_users, U strictly below A.
     * Nobody manages themself this way: their own position is equal, and equal is refused.
     */
    public static Decision canManageUser(Actor a, TargetUser u) {
        // Nobody bans, kicks or times out themself, owners included: it could only lock them out.
        if (a.is(u)) {
            return userBelow(a, u);
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(
                ownerProtected(u, "Only an owner may manage an owner."),
                needs(a, MANAGE_USERS),
                userBelow(a, u));
    }

    /**
     * Keycloak's own admin API on user U (design §9, the {@code rbac-hierarchy} policy):
     * {@link #canManageUser} and, beyond {@code manage_users}, every permission the realm's policy
     * requires. Owners hold every permission, so for them this is {@code canManageUser}.
     */
    public static Decision canAdministerUser(Actor a, TargetUser u, Collection<String> requiredPermissions) {
        return firstRefusal(canManageUser(a, u), needsAll(a, requiredPermissions));
    }

    /**
     * Owner only: switching the hierarchy onto Keycloak's own users changes who may act on every
     * user of the realm through Keycloak's admin API, which no permission of the catalogue covers.
     */
    public static Decision canConfigureUserAdministration(Actor a) {
        if (a.owner()) {
            return ownerBypass();
        }
        return Decision.refuse(OWNER_ONLY, "Only a realm owner may switch user administration on or off.");
    }

    // ---- permission catalogue -----------------------------------------------------------------

    public static Decision canCreatePermission(Actor a) {
        if (a.owner()) {
            return ownerBypass();
        }
        return needs(a, MANAGE_PERMISSIONS);
    }

    /** Descriptions of built-in permissions are editable too. */
    public static Decision canEditPermissionDescription(Actor a) {
        return canCreatePermission(a);
    }

    /** Built-ins never; else manage_permissions and the permission in P (it disappears from every role). */
    public static Decision canDeletePermission(Actor a, Permission p) {
        return canRemoveFromCatalogue(a, p, "deleted");
    }

    /**
     * Built-ins never; else as for deleting, since renaming takes the old name away from every role
     * that holds it.
     */
    public static Decision canRenamePermission(Actor a, Permission p) {
        return canRemoveFromCatalogue(a, p, "renamed");
    }

    // ---- configuration as a file --------------------------------------------------------------

    /**
     * Owner only: a document holds every role and assignment of the realm, so no permission short of
     * ownership covers it. Refused with {@link Refusal#OWNER_ONLY} (403), not MISSING_PERMISSION,
     * because there is no permission a caller could be granted to get in.
     */
    public static Decision canExportOrImport(Actor a) {
        if (a.owner()) {
            return ownerBypass();
        }
        return Decision.refuse(OWNER_ONLY, "Only a realm owner may export or import the configuration.");
    }

    // ---- rules about the thing itself: they bind owners too, and the store asks them as well ----

    /** {@code @everyone} is never deleted. */
    public static Decision canEverDelete(AdminRole r) {
        return r.isEveryone() ? everyoneProtected("The @everyone role cannot be deleted.") : Decision.allow();
    }

    /** {@code @everyone} is held implicitly: never assigned or unassigned. */
    public static Decision canEverAssign(AdminRole r) {
        return r.isEveryone()
                ? everyoneProtected("Every user holds the @everyone role implicitly; it cannot be assigned or unassigned.")
                : Decision.allow();
    }

    /** A built-in permission is never deleted. */
    public static Decision canEverDelete(Permission p) {
        return builtInStays(p, "deleted");
    }

    /** A built-in permission is never renamed. */
    public static Decision canEverRename(Permission p) {
        return builtInStays(p, "renamed");
    }

    private static Decision builtInStays(Permission p, String verb) {
        return p.builtIn() || BuiltInPermissions.isBuiltIn(p.name())
                ? Decision.refuse(BUILT_IN, "Permission '" + p.name() + "' is built in and cannot be " + verb + ".")
                : Decision.allow();
    }

    // ---- the checks the rows are made of ------------------------------------------------------

    private static Decision canRemoveFromCatalogue(Actor a, Permission p, String verb) {
        Decision structural = builtInStays(p, verb);
        if (!structural.allowed()) {
            return structural;
        }
        if (a.owner()) {
            return ownerBypass();
        }
        return firstRefusal(needs(a, MANAGE_PERMISSIONS), holdsAll(a, Set.of(p.name())));
    }

    private static Decision firstRefusal(Decision... checks) {
        for (Decision check : checks) {
            if (!check.allowed()) {
                return check;
            }
        }
        return Decision.allow();
    }

    private static Decision ownerBypass() {
        return Decision.allow("Realm owners bypass the role hierarchy.");
    }

    private static Decision everyoneProtected(String reason) {
        return Decision.refuse(EVERYONE_PROTECTED, reason);
    }

    private static Decision everyoneCannotMove() {
        return everyoneProtected("The @everyone role cannot be moved; it always sits at position 0.");
    }

    private static Decision ownerProtected(TargetUser u, String reason) {
        return u.owner() ? Decision.refuse(OWNER_PROTECTION, reason) : Decision.allow();
    }

    private static Decision needs(Actor a, String permission) {
        return a.has(permission)
                ? Decision.allow()
                : Decision.refuse(MISSING_PERMISSION, "Missing permission '" + permission + "'.");
    }

    private static Decision needsAll(Actor a, Collection<String> permissions) {
        String missing = permissions.stream().filter(permission -> !a.has(permission)).sorted()
                .map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return missing.isEmpty() ? Decision.allow() : Decision.refuse(MISSING_PERMISSION,
                "Missing permission" + (missing.contains(",") ? "s " : " ") + missing + ".");
    }

    private static Decision roleBelow(Actor a, AdminRole r) {
        return r.position() < a.highestPosition()
                ? Decision.allow()
                : Decision.refuse(HIERARCHY, "Role '" + r.name() + "' at position " + r.position()
                        + " is not below your highest position " + a.highestPosition() + ".");
    }

    private static Decision newPositionBelow(Actor a, AdminRole r, int newPosition) {
        return newPosition < a.highestPosition()
                ? Decision.allow()
                : Decision.refuse(HIERARCHY, "Role '" + r.name() + "' cannot move to position " + newPosition
                        + ": it is not below your highest position " + a.highestPosition() + ".");
    }

    private static Decision positionBelow(Actor a, int position) {
        return position < a.highestPosition()
                ? Decision.allow()
                : Decision.refuse(HIERARCHY, "Position " + position
                        + " is not below your highest position " + a.highestPosition() + ".");
    }

    private static Decision userBelow(Actor a, TargetUser u) {
        if (a.is(u)) {
            return Decision.refuse(HIERARCHY, "You cannot manage yourself: your highest position "
                    + a.highestPosition() + " is not below itself.");
        }
        return u.highestPosition() < a.highestPosition()
                ? Decision.allow()
                : Decision.refuse(HIERARCHY, "The user's highest position " + u.highestPosition()
                        + " is not below your highest position " + a.highestPosition() + ".");
    }

    private static Decision holdsAll(Actor a, Collection<String> permissions) {
        Set<String> notHeld = permissions.stream()
                .filter(permission -> !a.has(permission))
                .collect(Collectors.toCollection(TreeSet::new));
        if (notHeld.isEmpty()) {
            return Decision.allow();
        }
        String names = notHeld.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return Decision.refuse(PERMISSION_NOT_HELD,
                "You do not hold permission" + (notHeld.size() == 1 ? " " : "s ") + names + ".");
    }
}
