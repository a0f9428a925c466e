// Unit tests of the console's reorder rule and lock reasons (rules.ts), run by `npm test` with
// node's own test runner on the compiled output (tsconfig.test.json); no browser, no server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AdminRole, Me } from "./api";
import { dropTargets, holderChanges, locks, planMove, planRequest, rolesDecidingHolders, type MovePlan } from "./rules.js";

const MAX = Number.MAX_SAFE_INTEGER;

/** Admin roles named after their positions (R20 at 20), highest first, as GET /roles lists them. */
const ladder = (...positions: number[]): AdminRole[] =>
  [...positions]
    .sort((a, b) => b - a)
    .map((p) => ({ id: `R${p}`, name: `R${p}`, position: p, permissions: [], everyone: false }));

const summary = (plan: MovePlan | null | undefined) =>
  plan ? [plan.moved, ...plan.shifted].map((c) => `${c.role.name}:${c.from}->${c.to}`) : plan;

describe("planMove", () => {
  it("takes the free position nearest the old one and moves nobody else", () => {
    // The case: a new role at 15 dragged just above Moderator (20) under Admin (50).
    const roles = ladder(50, 20, 15, 10);
    assert.deepEqual(summary(planMove(roles, 2, 1)), ["R15:15->21"]);
    // Dragged down below 10: the highest free position under it.
    assert.deepEqual(summary(planMove(roles, 1, 3)), ["R20:20->9"]);
    // To the top of the ladder: one above the highest, whatever the distance.
    assert.deepEqual(summary(planMove(roles, 3, 0)), ["R10:10->51"]);
  });

  it("moves the lowest of 300 consecutive roles to the top without renumbering the others", () => {
    const roles = ladder(...Array.from({ length: 300 }, (_, i) => i + 1));
    const plan = planMove(roles, 299, 0)!;
    assert.deepEqual(summary(plan), ["R1:1->301"]);
    assert.deepEqual(planRequest(plan), [{ id: "R1", position: 301 }]);
  });

  it("shifts the fewest roles when there is no free position, towards the moved role's old place on a tie", () => {
    // 3, 2, 1: moving 1 up one place swaps it with 2 (one shift either way; down is towards its old place).
    assert.deepEqual(summary(planMove(ladder(3, 2, 1), 2, 1)), ["R1:1->2", "R2:2->1"]);
    // Moving 3 down one place: the tie goes up, towards 3's old place.
    assert.deepEqual(summary(planMove(ladder(3, 2, 1), 0, 1)), ["R3:3->2", "R2:2->3"]);
    // 10 dropped between 5 and 4 of 5, 4, 3, 1: shifting 4 and 3 down costs two; shifting 5 up costs one.
    assert.deepEqual(summary(planMove(ladder(10, 5, 4, 3, 1), 0, 1)), ["R10:10->5", "R5:5->6"]);
  });

  it("never puts a role at or above the cap, nor moves a role there", () => {
    // Caller at 20 (cap 19): 15 may not go above 20.
    const roles = ladder(50, 20, 15, 10, 5);
    assert.equal(planMove(roles, 2, 1, 19), undefined);
    assert.equal(planMove(roles, 2, 0, 19), undefined);
    // Just below 20 is fine: 15 is already there, so nothing; 10 over 15 takes the gap 16..19.
    assert.deepEqual(summary(planMove(roles, 3, 2, 19)), ["R10:10->16"]);
    // A role above the cap never moves, wherever it goes.
    assert.equal(planMove(roles, 0, 4, 19), undefined);
    // Caller at 4 (cap 3) over 3, 2, 1: 1 above 3 pushes 3 and 2 down, since pushing 3 up would reach 4.
    assert.deepEqual(summary(planMove(ladder(4, 3, 2, 1), 3, 1, 3)), ["R1:1->3", "R3:3->2", "R2:2->1"]);
    assert.equal(planMove(ladder(4, 3, 2, 1), 3, 0, 3), undefined);
    // ... but moving 1 above 2 swaps them within reach.
    assert.deepEqual(summary(planMove(ladder(4, 3, 2, 1), 3, 2, 3)), ["R1:1->2", "R2:2->1"]);
  });

  it("answers null for no move and undefined for a place outside the list", () => {
    const roles = ladder(3, 2, 1);
    assert.equal(planMove(roles, 1, 1), null);
    assert.equal(planMove(roles, 1, 3), undefined);
    assert.equal(planMove(roles, -1, 0), undefined);
  });

  it("keeps every small ladder valid and shifts no more roles than any other valid plan (exhaustive)", () => {
    let cases = 0;
    const positions = [1, 2, 3, 4, 5, 6, 7];
    for (let mask = 1; mask < 1 << positions.length; mask++) {
      const set = positions.filter((_, i) => mask & (1 << i));
      if (set.length > 4) continue;
      const roles = ladder(...set);
      for (const cap of [MAX, 7, 5, 3]) {
        for (let from = 0; from < roles.length; from++) {
          for (let to = 0; to < roles.length; to++) {
            if (from === to) continue;
            cases++;
            const plan = planMove(roles, from, to, cap);
            const best = fewestShifts(roles, from, to, cap);
            const label = `${set} from ${from} to ${to} cap ${cap}`;
            if (best === undefined) {
              assert.equal(plan, undefined, label);
              continue;
            }
            assert.ok(plan, label);
            assert.equal(plan.shifted.length, best, label);
            const final = new Map(roles.map((r) => [r.id, r.position]));
            for (const c of [plan.moved, ...plan.shifted]) {
              assert.ok(c.to >= 1 && c.to <= cap && c.from <= cap && c.to !== c.from, label);
              final.set(c.role.id, c.to);
            }
            const order = roles.filter((_, i) => i !== from);
            order.splice(to, 0, roles[from]);
            const values = order.map((r) => final.get(r.id)!);
            values.forEach((v, i) => i > 0 && assert.ok(v < values[i - 1], `${label}: order ${values}`));
            if (best === 0) {
              // A free position: the one nearest the old position.
              const above = to > 0 ? order[to - 1].position : MAX;
              const below = to < order.length - 1 ? order[to + 1].position : 0;
              const nearest = roles[from].position < below ? below + 1 : Math.min(above - 1, cap);
              assert.equal(plan.moved.to, nearest, label);
            }
          }
        }
      }
    }
    assert.ok(cases > 1000, `${cases} cases`);
  });
});

/**
 * The fewest other roles any valid outcome changes, by brute force: every strictly decreasing choice
 * of positions in 1..10 for the new order, no changed role's old or new position above the cap.
 */
function fewestShifts(roles: AdminRole[], from: number, to: number, cap: number): number | undefined {
  const order = roles.filter((_, i) => i !== from);
  order.splice(to, 0, roles[from]);
  let best: number | undefined;
  const choose = (i: number, max: number, changed: number) => {
    if (best !== undefined && changed >= best) return;
    if (i === order.length) {
      best = changed;
      return;
    }
    const role = order[i];
    for (let p = max; p >= order.length - i; p--) {
      const moves = p !== role.position;
      if (moves && (p > cap || role.position > cap)) continue;
      if (role === roles[from] && !moves) continue;
      choose(i + 1, p - 1, changed + (moves && role !== roles[from] ? 1 : 0));
    }
  };
  choose(0, 10, 0);
  return best;
}

describe("dropTargets", () => {
  it("offers only the places a plan exists for, the role's own place included", () => {
    const roles = ladder(50, 20, 15, 10, 5);
    assert.deepEqual([...dropTargets(roles, 4, 19)].sort(), [2, 3, 4]);
    assert.deepEqual([...dropTargets(roles, 4, MAX)].sort(), [0, 1, 2, 3, 4]);
    assert.deepEqual([...dropTargets(roles, 0, 19)], [0]);
  });
});

describe("locks", () => {
  const me = (highestPosition: number, permissions: string[], owner = false): Me => ({
    userId: "u",
    username: "u",
    permissions,
    highestPosition,
    owner,
    roles: ladder(highestPosition).filter((r) => r.position > 0),
    visualRoles: [],
  });
  const [admin, moderator, lowest] = ladder(50, 20, 5);

  it("names the caller's highest role for a role above it, and says when it is that role", () => {
    assert.deepEqual(locks(me(20, ["manage_roles"]), admin), [
      { allowed: false, reason: "rbacReasonAboveYou", values: { position: 50, role: "R20", highest: 20 } },
    ]);
    assert.deepEqual(locks(me(20, ["manage_roles"]), moderator), [
      { allowed: false, reason: "rbacReasonYourHighestRole", values: { highest: 20 } },
    ]);
    assert.deepEqual(locks(me(20, ["manage_roles"]), lowest), []);
  });

  it("gives the hierarchy before the missing permission, and both when both hold", () => {
    assert.deepEqual(
      locks(me(10, []), admin).map((v) => v.reason),
      ["rbacReasonAboveYou", "rbacReasonMissingPermission"],
    );
    assert.deepEqual(locks(me(10, []), lowest).map((v) => v.reason), ["rbacReasonMissingPermission"]);
    assert.deepEqual(locks(me(0, []), lowest).map((v) => v.reason), ["rbacReasonHierarchyNoRole", "rbacReasonMissingPermission"]);
  });

  it("has nothing to say for an owner or @everyone", () => {
    assert.deepEqual(locks(me(0, [], true), admin), []);
    assert.deepEqual(locks(me(0, []), { ...lowest, position: 0, everyone: true }), []);
  });
});

describe("holderChanges", () => {
  // The ConsoleReorderIT ladder: Admin 50, Moderator 20, Curator 12, Helper 11, Newbie 3; Newbie onto
  // Helper shifts Helper to 10. senior holds Curator and Helper; hundreds hold Helper alone.
  const roles = ladder(50, 20, 12, 11, 3);
  const user = (name: string) => ({ id: `id-${name}`, username: name });
  const plan = planMove(roles, 4, 3)!;
  const helpers = Array.from({ length: 120 }, (_, i) => user(`h${String(i).padStart(3, "0")}`));

  it("reads the moved roles and the roles in place above the lowest position touched", () => {
    assert.deepEqual(summary(plan), ["R3:3->11", "R11:11->10"]);
    assert.deepEqual(rolesDecidingHolders(roles, plan).map((r) => r.name), ["R3", "R11", "R50", "R20", "R12"]);
    const counted = roles.map((r) => ({ ...r, memberCount: r.position === 20 ? 0 : 1 }));
    assert.deepEqual(rolesDecidingHolders(counted, plan).map((r) => r.name), ["R3", "R11", "R50", "R12"]);
  });

  it("lists only members whose highest position changes, by name, however many there are", () => {
    const members = new Map([
      ["R3", [user("newbie")]],
      ["R11", [user("senior"), ...helpers]],
      ["R12", [user("senior")]],
      ["R50", [user("admin")]],
    ]);
    const changes = holderChanges(roles, plan, members);
    assert.equal(changes.length, 121);
    assert.deepEqual(changes[0], { id: "id-h000", username: "h000", from: 11, to: 10 });
    assert.deepEqual(changes.at(-1), { id: "id-newbie", username: "newbie", from: 3, to: 11 });
    assert.ok(!changes.some((c) => c.username === "senior"), "senior keeps Curator (12)");
    assert.ok(!changes.some((c) => c.username === "admin"), "admin holds no moved role");
  });

  it("keeps the highest position of a member holding a higher role in place, whatever the direction", () => {
    // Two moved roles held together: R3 up to 11 and R11 down to 10; the highest is 11 before and after.
    const both = new Map([["R3", [user("both")]], ["R11", [user("both")]]]);
    assert.deepEqual(holderChanges(roles, plan, both), []);
    // A role in place at 20 above both: nothing changes for its member.
    const high = new Map([["R3", [user("mod")]], ["R20", [user("mod")]]]);
    assert.deepEqual(holderChanges(roles, plan, high), []);
  });
});
