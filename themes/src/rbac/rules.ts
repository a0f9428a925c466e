import type { AdminRole, Me, Permission, ReorderRequest } from "./api";

/**
 * What the signed-in admin may do, computed from GET /me the way the server decides (README, "Who may
 * do what"). It only explains: every change is still judged by the server, whose refusal is shown.
 * A refusal carries the message key and values of the sentence that says why.
 */
export type Verdict = {
  allowed: boolean;
  reason?: string;
  values?: Record<string, string | number>;
  /** A sentence already written for a person (the server's own reason), shown as it is instead of a message key. */
  text?: string;
  /** The server's refusal code with that sentence (hierarchy, owner_protection, ...). */
  code?: string;
};

const yes: Verdict = { allowed: true };
const no = (reason: string, values?: Record<string, string | number>): Verdict => ({ allowed: false, reason, values });

export const holds = (me: Me, permission: string) => me.owner || me.permissions.includes(permission);

const need = (me: Me, permission: string): Verdict | undefined =>
  holds(me, permission) ? undefined : no("rbacReasonMissingPermission", { permission });

const below = (me: Me, role: AdminRole): Verdict | undefined =>
  me.owner || role.position < me.highestPosition
    ? undefined
    : no("rbacReasonHierarchy", { position: role.position, highest: me.highestPosition });

export const canCreateRole = (me: Me): Verdict =>
  need(me, "manage_roles") ??
  (me.owner || me.highestPosition > 1 ? yes : no("rbacReasonNoRoomBelow", { highest: me.highestPosition }));

/** The highest position a new or moved role may take: strictly below the admin's own. */
export const maxPosition = (me: Me) => (me.owner ? Number.MAX_SAFE_INTEGER : me.highestPosition - 1);

export const canEditRole = (me: Me, role: AdminRole): Verdict => need(me, "manage_roles") ?? below(me, role) ?? yes;

export const canMoveRole = (me: Me, role: AdminRole): Verdict =>
  role.everyone ? no("rbacReasonEveryoneFixed") : (need(me, "manage_roles") ?? below(me, role) ?? yes);

export const canDeleteRole = (me: Me, role: AdminRole): Verdict =>
  role.everyone ? no("rbacReasonEveryoneFixed") : (need(me, "manage_roles") ?? below(me, role) ?? yes);

export const canAssignRole = (me: Me, role: AdminRole): Verdict =>
  role.everyone ? no("rbacReasonEveryoneImplicit") : (need(me, "manage_roles") ?? below(me, role) ?? yes);

/** Whether the role's permission set may change at all (role undefined: a role being created). */
export const canChangePermissions = (me: Me, role?: AdminRole): Verdict =>
  need(me, "manage_permissions") ?? (role ? below(me, role) : undefined) ?? yes;

/** Whether this one permission may be added to or removed from a role. */
export const canTogglePermission = (me: Me, permission: string): Verdict =>
  holds(me, permission) ? yes : no("rbacReasonNotHeld", { permission });

export const canManageVisualRoles = (me: Me): Verdict => need(me, "manage_roles") ?? yes;

export const canAssignVisualRoles = (me: Me): Verdict => need(me, "manage_users") ?? yes;

export const canManageCatalogue = (me: Me): Verdict => need(me, "manage_permissions") ?? yes;

export const canDeletePermission = (me: Me, permission: Permission): Verdict =>
  permission.builtIn
    ? no("rbacReasonBuiltIn")
    : (need(me, "manage_permissions") ??
      (holds(me, permission.name) ? yes : no("rbacReasonNotHeld", { permission: permission.name })));

/** Reading another user's access: manage_roles or manage_users, or Keycloak's own view-users (viewUsers). */
export const canReadOthers = (me: Me, viewUsers = false): Verdict =>
  me.owner || viewUsers || holds(me, "manage_roles") || holds(me, "manage_users") ? yes : no("rbacReasonReadOthers");

/**
 * New positions for a list of admin roles (highest first, without @everyone) after moving the role at
 * index `from` to index `to`: the same set of positions, dealt out again in the new order. Only the
 * roles whose position changes are returned, ready for PUT /roles/positions.
 */
export function reorder(roles: AdminRole[], from: number, to: number): ReorderRequest {
  if (from === to || from < 0 || to < 0 || from >= roles.length || to >= roles.length) return [];
  const positions = roles.map((r) => r.position);
  const order = [...roles];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  return order
    .map((role, i) => ({ id: role.id, position: positions[i], old: role.position }))
    .filter((m) => m.position !== m.old)
    .map(({ id, position }) => ({ id, position }));
}
