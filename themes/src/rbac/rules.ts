import type { AdminRole, Me, Member, Permission, ReorderRequest } from "./api";

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

/** The caller's highest admin role (the one at their highest position), if they hold any. */
export const highestRole = (me: Me) =>
  me.highestPosition > 0 ? me.roles.find((r) => r.position === me.highestPosition) : undefined;

/** A role not strictly below the caller: the reason names the hierarchy and the caller's highest role (issue #15 item 5). */
const below = (me: Me, role: AdminRole): Verdict | undefined => {
  if (me.owner || role.position < me.highestPosition) return undefined;
  const mine = highestRole(me);
  if (!mine) return no("rbacReasonHierarchyNoRole");
  if (mine.id === role.id) return no("rbacReasonYourHighestRole", { highest: me.highestPosition });
  return no("rbacReasonAboveYou", { position: role.position, role: mine.name, highest: me.highestPosition });
};

export const canCreateRole = (me: Me): Verdict =>
  need(me, "manage_roles") ??
  (me.owner || me.highestPosition > 1 ? yes : no("rbacReasonNoRoomBelow", { highest: me.highestPosition }));

/** The highest position a new or moved role may take: strictly below the admin's own. */
export const maxPosition = (me: Me) => (me.owner ? Number.MAX_SAFE_INTEGER : me.highestPosition - 1);

export const canEditRole = (me: Me, role: AdminRole): Verdict => need(me, "manage_roles") ?? below(me, role) ?? yes;

export const canMoveRole = (me: Me, role: AdminRole): Verdict =>
  role.everyone ? no("rbacReasonEveryoneFixed") : (need(me, "manage_roles") ?? below(me, role) ?? yes);

/**
 * Every reason a role is locked against moving, editing and deleting (empty when none): the hierarchy
 * first, then the missing permission. The Admin roles tab says a reason shared by every row once, in a
 * banner, and the rest on each row.
 */
export const locks = (me: Me, role: AdminRole): Verdict[] =>
  role.everyone ? [] : [below(me, role), need(me, "manage_roles")].filter((v): v is Verdict => v !== undefined);

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

/** One role whose position a move changes. */
export type PositionChange = { role: AdminRole; from: number; to: number };

/**
 * What moving one admin role to a new place in the order does: the moved role's new position and
 * every other role that must shift to make room (empty when a free position was found).
 */
export type MovePlan = { moved: PositionChange; shifted: PositionChange[] };

/** The plan as PUT /roles/positions takes it: every role it moves, the moved one first. */
export const planRequest = (plan: MovePlan): ReorderRequest =>
  [plan.moved, ...plan.shifted].map((c) => ({ id: c.role.id, position: c.to }));

/**
 * Where a role lands when moved from index `from` to index `to` of `roles` (admin roles highest
 * first, without @everyone), no role ending above `cap` (see maxPosition). The one rule of the
 * console for reorders (README, Decisions):
 *  1. a free position between its new neighbours: the moved role takes the one nearest its old
 *     position, and nobody else moves;
 *  2. otherwise the fewest roles shift by one towards the nearest gap, either the run below the new
 *     place shifting down (the moved role takes the highest position it may) or the run above it
 *     shifting up (the moved role takes the lowest); on a tie, towards the moved role's old place;
 *  3. nothing at all when no plan keeps every old and new position of a moved role within `cap`
 *     (the place is not a drop target).
 * Returns undefined for a place the role may not go, null for no move (from = to).
 * The server stays the authority: it applies the request atomically or refuses it (design §3, §4).
 */
export function planMove(
  roles: AdminRole[],
  from: number,
  to: number,
  cap: number = Number.MAX_SAFE_INTEGER,
): MovePlan | null | undefined {
  if (from < 0 || to < 0 || from >= roles.length || to >= roles.length) return undefined;
  if (from === to) return null;
  const role = roles[from];
  if (role.position > cap) return undefined;
  const others = roles.filter((_, i) => i !== from);
  const above = to > 0 ? others[to - 1].position : Number.MAX_SAFE_INTEGER;
  const below = to < others.length ? others[to].position : 0;
  const highest = Math.min(above - 1, cap);
  const lowest = below + 1;
  const change = (r: AdminRole, position: number): PositionChange => ({ role: r, from: r.position, to: position });
  if (lowest <= highest) {
    return { moved: change(role, role.position < lowest ? lowest : highest), shifted: [] };
  }
  const down = shiftDown(others, to, highest, cap);
  const up = shiftUp(others, to, lowest, cap);
  const towardsOldPlace = to < from ? down : up;
  const other = to < from ? up : down;
  const best = towardsOldPlace && (!other || towardsOldPlace.length <= other.length) ? towardsOldPlace : other;
  if (!best) return undefined;
  return { moved: change(role, best === down ? highest : lowest), shifted: best };

  // The moved role takes `position`; the run from `index` down that would reach it shifts down by one.
  function shiftDown(list: AdminRole[], index: number, position: number, limit: number) {
    if (position < 1) return undefined;
    const shifted: PositionChange[] = [];
    let taken = position;
    for (let i = index; i < list.length && list[i].position >= taken; i++) {
      if (list[i].position > limit || taken - 1 < 1) return undefined;
      shifted.push(change(list[i], taken - 1));
      taken -= 1;
    }
    return shifted;
  }

  // The moved role takes `position`; the run from `index - 1` up that would reach it shifts up by one.
  function shiftUp(list: AdminRole[], index: number, position: number, limit: number) {
    if (position > limit) return undefined;
    const shifted: PositionChange[] = [];
    let taken = position;
    for (let i = index - 1; i >= 0 && list[i].position <= taken; i--) {
      if (taken + 1 > limit) return undefined;
      shifted.push(change(list[i], taken + 1));
      taken += 1;
    }
    return shifted;
  }
}

/** A user whose highest position (authority) a plan changes. */
export type HolderChange = { id: string; username: string; from: number; to: number };

/** The lowest position a plan touches, old or new. */
const lowestTouched = (plan: MovePlan) => Math.min(...[plan.moved, ...plan.shifted].flatMap((c) => [c.from, c.to]));

/**
 * The roles whose members decide whose highest position a plan changes (issue #15 item 1): the roles
 * it moves, and the roles it leaves in place above the lowest position it touches, since a member who
 * also holds one of those at or above their moved roles keeps their highest position. A role in place
 * at or below that position can never outrank a moved role's old or new position where they differ,
 * so its members need not be read. Roles known to have no members are left out; @everyone too.
 */
export function rolesDecidingHolders(roles: AdminRole[], plan: MovePlan): AdminRole[] {
  const moved = new Set([plan.moved, ...plan.shifted].map((c) => c.role.id));
  const floor = lowestTouched(plan);
  const inPlace = roles.filter((r) => !r.everyone && !moved.has(r.id) && r.position > floor);
  return [...[plan.moved, ...plan.shifted].map((c) => c.role), ...inPlace].filter((r) => r.memberCount !== 0);
}

/**
 * Whose highest position the plan changes, given the members of rolesDecidingHolders (role id → its
 * members): each member of a moved role, their highest position over those roles before and after, kept
 * only when the two differ; by username. Roles not read cannot change either value (see above).
 */
export function holderChanges(roles: AdminRole[], plan: MovePlan, members: Map<string, Member[]>): HolderChange[] {
  const after = new Map([plan.moved, ...plan.shifted].map((c) => [c.role.id, c.to]));
  const before = new Map(roles.map((r) => [r.id, r.position]));
  const held = new Map<string, { user: Member; roles: string[] }>();
  for (const [roleId, users] of members) {
    for (const user of users) {
      const entry = held.get(user.id) ?? { user, roles: [] };
      entry.roles.push(roleId);
      held.set(user.id, entry);
    }
  }
  const changes: HolderChange[] = [];
  for (const { user, roles: ids } of held.values()) {
    if (!ids.some((id) => after.has(id))) continue;
    const from = Math.max(0, ...ids.map((id) => before.get(id) ?? 0));
    const to = Math.max(0, ...ids.map((id) => after.get(id) ?? before.get(id) ?? 0));
    if (from !== to) changes.push({ id: user.id, username: user.username, from, to });
  }
  return changes.sort((a, b) => a.username.localeCompare(b.username));
}

/** The places (indexes) `roles[from]` may be dropped at: those with a plan (planMove), its own place included. */
export const dropTargets = (roles: AdminRole[], from: number, cap: number): Set<number> =>
  new Set(roles.map((_, to) => to).filter((to) => to === from || planMove(roles, from, to, cap)));
