import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  Label,
  LabelGroup,
  Spinner,
  Text,
  ToolbarItem,
} from "@patternfly/react-core";
import {
  ArrowDownIcon,
  ArrowUpIcon,
  GripVerticalIcon,
  LockIcon,
  PencilAltIcon,
  TrashIcon,
  UsersIcon,
} from "@patternfly/react-icons";
import { KeyboardEvent, PointerEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminRole, Permission } from "./api";
import { useRbac } from "./context";
import { ListToolbar, matchesText, useListView } from "./ListToolbar";
import { MembersModal } from "./MembersModal";
import { RoleForm } from "./RoleForm";
import {
  canAssignRole,
  canCreateRole,
  canDeleteRole,
  canEditRole,
  canMoveRole,
  dropTargets,
  highestRole,
  locks,
  maxPosition,
  MovePlan,
  planMove,
  planRequest,
  Verdict,
} from "./rules";
import { ReorderPlanModal } from "./ReorderPlanModal";
import { autoScroll } from "./autoScroll";
import { ConfirmDialog, GuardedButton, RoleIcon, Swatch, useReason } from "./widgets";

/** A drag in progress: the row dragged, the row under the pointer, and the rows it may be dropped on. */
type Drag = { from: number; over: number; targets: Set<number> };

// Issue #15 item 2: the list is searched (name, description, permission) and paged; reordering is off while filtering.
const roleMatches = (r: AdminRole, search: string) => matchesText(search, r.name, r.description, ...r.permissions);
const FILTERING: Verdict = { allowed: false, reason: "rbacReasonFiltering" };

/** After a move, the control that had focus (the handle, or an arrow button) gets it back on the moved row. */
type Focus = { roleId: string; testId: string };

/** The admin roles by position, highest first, @everyone last; reordered by dragging or with the arrows. */
export const AdminRolesTab = () => {
  const { t } = useTranslation();
  const reason = useReason();
  const { api, me, run, notify, refreshMe } = useRbac();
  const [roles, setRoles] = useState<AdminRole[]>();
  const [catalogue, setCatalogue] = useState<Permission[]>([]);
  const [editing, setEditing] = useState<AdminRole | "new">();
  const [members, setMembers] = useState<AdminRole>();
  const [deleting, setDeleting] = useState<AdminRole>();
  const [drag, setDrag] = useState<Drag>();
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<Focus>();
  const [announcement, setAnnouncement] = useState("");
  const [pending, setPending] = useState<MovePlan>();
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const view = useListView(roles, roleMatches);

  const load = useCallback(async () => {
    const [r, p] = await Promise.all([api.roles(), api.permissions()]);
    setRoles(r);
    setCatalogue(p);
    return r;
  }, [api]);

  useEffect(() => {
    load().catch(() => setRoles([]));
  }, [load]);

  // While a move is saved the row's controls are redrawn (disabled): focus returns once the new order is on screen.
  useEffect(() => {
    if (!focus || busy || pending) return;
    const selector = `tr[data-role-id="${CSS.escape(focus.roleId)}"] [data-testid="${focus.testId}"]`;
    tableRef.current?.querySelector<HTMLElement>(selector)?.focus();
    setFocus(undefined);
  }, [focus, busy, pending, roles]);

  if (!roles || !me) return <Spinner />;

  const ranked = roles.filter((r) => !r.everyone);
  // A keyboard or arrow move that takes the role off the visible page turns the page with it (before focus returns).
  if (focus && !busy) view.reveal((r) => r.id === focus.roleId);

  const cap = maxPosition(me);

  /**
   * Moves a role by the console's one reorder rule (rules.ts, planMove); `control` names the control to
   * give focus back to on the moved row (keyboard and arrow moves). A move that shifts other roles is
   * shown first and saved only when confirmed; one that changes only the moved role is saved at once.
   */
  const move = (from: number, to: number, control?: string) => {
    const plan = planMove(ranked, from, to, cap);
    if (!plan) return;
    if (control) setFocus({ roleId: plan.moved.role.id, testId: control });
    if (plan.shifted.length > 0) {
      setPending(plan);
    } else {
      void save(plan);
    }
  };

  const save = async (plan: MovePlan) => {
    const moves = planRequest(plan);
    const moved = plan.moved.role;
    setBusy(true);
    let saved = false;
    try {
      await run(() => api.reorder(moves), t("rbacReordered"));
      saved = true;
    } catch {
      // the refusal is on screen; the list below shows the server's order again
    } finally {
      try {
        const fresh = (await load()).filter((r) => !r.everyone);
        const index = fresh.findIndex((r) => r.id === moved.id);
        // Said to screen readers through the live region below: where the role is now.
        if (saved && index >= 0) {
          setAnnouncement(
            t("rbacMovedTo", { name: moved.name, position: fresh[index].position, index: index + 1, count: fresh.length }),
          );
        }
      } catch {
        // the list stays as it was
      }
      refreshMe();
      setBusy(false);
    }
  };

  // Dragging follows the pointer (mouse, pen or touch); the drop target is the row under it.
  const rowIndexAt = (x: number, y: number) => {
    const row = document.elementFromPoint(x, y)?.closest("tr[data-index]");
    return row && tableRef.current?.contains(row) ? Number(row.getAttribute("data-index")) : undefined;
  };

  // Only the rows the role may be dropped on take a drop line (issue #15 item 4); over any other row
  // the line goes back to the role's own place, and a drop there changes nothing. Outside the table
  // the last place holds.
  const startDrag = (index: number) => (event: PointerEvent<HTMLButtonElement>) => {
    if (busy || view.filtering || event.button !== 0) return;
    event.preventDefault();
    const targets = dropTargets(ranked, index, cap);
    let current: Drag = { from: index, over: index, targets };
    setDrag(current);
    const follow = (x: number, y: number) => {
      const row = rowIndexAt(x, y);
      if (row === undefined) return;
      const over = targets.has(row) ? row : index;
      if (over !== current.over) {
        current = { from: index, over, targets };
        setDrag(current);
      }
    };
    // Near the top or bottom edge of the window the page scrolls, and the row under the pointer changes with it.
    const scroller = autoScroll(tableRef.current, follow);
    const onMove = (e: globalThis.PointerEvent) => {
      scroller.pointer(e.clientX, e.clientY);
      follow(e.clientX, e.clientY);
    };
    const onUp = (e: globalThis.PointerEvent) => {
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onUp);
      scroller.stop();
      follow(e.clientX, e.clientY);
      setDrag(undefined);
      move(index, current.over);
    };
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
  };

  const onHandleKey = (index: number) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    if (busy || view.filtering) return;
    if (event.key === "ArrowUp" && index > 0) {
      move(index, index - 1, "rbac-drag-handle");
    } else if (event.key === "ArrowDown" && index < ranked.length - 1) {
      move(index, index + 1, "rbac-drag-handle");
    }
  };

  // Moving by one place: allowed when the rule finds a plan that keeps every moved role below the admin's own position.
  const arrowVerdict = (index: number, other: number): Verdict => {
    const self = canMoveRole(me, ranked[index]);
    if (!self.allowed) return self;
    if (other < 0 || other >= ranked.length) return { allowed: false, reason: "rbacReasonEdge" };
    return planMove(ranked, index, other, cap)
      ? self
      : { allowed: false, reason: "rbacReasonNoPlace", values: { role: highestRole(me)?.name ?? "", highest: me.highestPosition } };
  };

  // A lock reason every role shares is said once, above the table; each row says only its own (issue #15 item 5).
  const lockTexts = new Map(ranked.map((r) => [r.id, locks(me, r).map(reason)]));
  const shared = ranked.length === 0 ? [] : (lockTexts.get(ranked[0].id) ?? []).filter((text) => ranked.every((r) => lockTexts.get(r.id)?.includes(text)));

  // After the dialog's confirm: deleted (the dialog closes) or refused (it stays open with the reason).
  const remove = async (role: AdminRole) => {
    try {
      await api.deleteRole(role.id);
    } catch (e) {
      void load();
      throw e;
    }
    notify("success", t("rbacRoleDeleted", { name: role.name }));
    setDeleting(undefined);
    await load();
  };

  const rowClass = (index: number) => {
    if (!drag) return undefined;
    if (index === drag.from) return "rbac-row-dragging";
    if (!drag.targets.has(index)) return "rbac-row-no-drop";
    if (index === drag.over) return drag.over < drag.from ? "rbac-drop-before" : "rbac-drop-after";
    return undefined;
  };

  const row = (role: AdminRole, index?: number) => {
    const moveVerdict = canMoveRole(me, role);
    const editVerdict = canEditRole(me, role);
    const ownLocks = (lockTexts.get(role.id) ?? []).filter((text) => !shared.includes(text));
    const noDrop = drag !== undefined && index !== undefined && index !== drag.from && !drag.targets.has(index);
    return (
      <tr
        key={role.id}
        data-index={index}
        data-role-id={role.id}
        data-role-name={role.name}
        data-position={role.position}
        className={index === undefined ? "rbac-row-everyone" : rowClass(index)}
        data-drop-target={drag && index !== undefined ? String(drag.targets.has(index) && index !== drag.from) : undefined}
        title={noDrop ? t("rbacNotADropTarget") : undefined}
      >
        <td className="rbac-cell-handle">
          {index !== undefined && (
            <GuardedButton
              verdict={busy ? { allowed: false, reason: "rbacReasonBusy" } : view.filtering ? FILTERING : moveVerdict}
              variant="plain"
              className="rbac-drag-handle"
              aria-label={t("rbacDragHandle", { name: role.name })}
              onPointerDown={moveVerdict.allowed ? startDrag(index) : undefined}
              onKeyDown={onHandleKey(index)}
              data-testid="rbac-drag-handle"
            >
              <GripVerticalIcon />
            </GuardedButton>
          )}
        </td>
        <td data-label={t("rbacPosition")} className="rbac-cell-position">
          {role.position}
        </td>
        <td data-label={t("name")}>
          <span className="rbac-role-name">
            <Swatch color={role.color} />
            <RoleIcon icon={role.icon} />
            <strong>{role.name}</strong>
            {role.everyone && (
              <Label isCompact color="grey" className="rbac-everyone-label">
                {t("rbacEveryoneLabel")}
              </Label>
            )}
          </span>
          {role.description && <Text component="small" className="rbac-description">{role.description}</Text>}
          {ownLocks.length > 0 && (
            <Text component="small" className="rbac-locked" data-testid="rbac-locked">
              <LockIcon className="rbac-lock-icon" /> {ownLocks.join(" ")}
            </Text>
          )}
        </td>
        <td data-label={t("rbacMembers")} className="rbac-cell-members">
          {role.everyone ? t("rbacEveryoneMembers") : (role.memberCount ?? "–")}
        </td>
        <td data-label={t("rbacPermissions")}>
          {role.permissions.length === 0 ? (
            <Text component="small" className="rbac-none">{t("rbacNoPermissions")}</Text>
          ) : (
            <LabelGroup numLabels={4} expandedText={t("rbacShowLess")} collapsedText={t("rbacShowMore")}>
              {[...role.permissions].sort().map((p) => (
                <Label key={p} isCompact>
                  {p}
                </Label>
              ))}
            </LabelGroup>
          )}
        </td>
        <td className="rbac-cell-actions">
          {index !== undefined && (
            <>
              <GuardedButton
                verdict={busy ? { allowed: false, reason: "rbacReasonBusy" } : view.filtering ? FILTERING : arrowVerdict(index, index - 1)}
                variant="plain"
                aria-label={t("rbacMoveUp", { name: role.name })}
                onClick={() => move(index, index - 1, "rbac-move-up")}
                data-testid="rbac-move-up"
              >
                <ArrowUpIcon />
              </GuardedButton>
              <GuardedButton
                verdict={busy ? { allowed: false, reason: "rbacReasonBusy" } : view.filtering ? FILTERING : arrowVerdict(index, index + 1)}
                variant="plain"
                aria-label={t("rbacMoveDown", { name: role.name })}
                onClick={() => move(index, index + 1, "rbac-move-down")}
                data-testid="rbac-move-down"
              >
                <ArrowDownIcon />
              </GuardedButton>
            </>
          )}
          <GuardedButton
            verdict={editVerdict}
            variant="plain"
            aria-label={t("rbacEditRole", { name: role.name })}
            onClick={() => setEditing(role)}
            data-testid="rbac-edit"
          >
            <PencilAltIcon />
          </GuardedButton>
          {!role.everyone && (
            <>
              <Button
                variant="plain"
                aria-label={t("rbacManageMembers", { name: role.name })}
                onClick={() => setMembers(role)}
                data-testid="rbac-members"
              >
                <UsersIcon />
              </Button>
              <GuardedButton
                verdict={canDeleteRole(me, role)}
                variant="plain"
                aria-label={t("rbacDeleteRole", { name: role.name })}
                onClick={() => setDeleting(role)}
                data-testid="rbac-delete"
              >
                <TrashIcon />
              </GuardedButton>
            </>
          )}
        </td>
      </tr>
    );
  };

  return (
    <>
      <ListToolbar
        view={view}
        name="rbac-roles"
        placeholder={t("rbacSearchRoles")}
        onRefresh={() => void load().catch(() => setRoles([]))}
        toolbarItem={
          <ToolbarItem>
            <GuardedButton verdict={canCreateRole(me)} onClick={() => setEditing("new")} data-testid="rbac-create-role">
              {t("rbacCreateRole")}
            </GuardedButton>
          </ToolbarItem>
        }
        help={
          view.filtering ? (
            <Text component="small" className="rbac-reorder-off" data-testid="rbac-reorder-off">
              <LockIcon className="rbac-lock-icon" /> {t("rbacReorderOffFiltering")}
            </Text>
          ) : (
            <Text component="small">{t("rbacReorderHelp")}</Text>
          )
        }
      >
      <div className="pf-v5-screen-reader" aria-live="polite" aria-atomic="true" role="status" data-testid="rbac-move-announcement">
        {announcement}
      </div>
      {shared.length > 0 && (
        <Alert variant="info" isInline title={t("rbacLockedAll")} className="rbac-locked-banner" data-testid="rbac-locked-banner">
          {shared.map((text) => (
            <Text key={text} component="small" data-testid="rbac-locked-banner-reason">
              {text}
            </Text>
          ))}
        </Alert>
      )}
      {ranked.length === 0 && (
        <EmptyState variant="xs">
          <EmptyStateBody>{t("rbacNoRoles")}</EmptyStateBody>
        </EmptyState>
      )}
      <table className="pf-v5-c-table pf-m-compact pf-m-grid-md rbac-table" role="grid" aria-label={t("rbacTabRoles")} data-testid="rbac-roles-table">
        <thead>
          <tr>
            <th aria-label={t("rbacDragColumn")} />
            <th>{t("rbacPosition")}</th>
            <th>{t("name")}</th>
            <th>{t("rbacMembers")}</th>
            <th>{t("rbacPermissions")}</th>
            <th aria-label={t("rbacActions")} />
          </tr>
        </thead>
        <tbody ref={tableRef} className={drag ? "rbac-dragging-body" : undefined}>
          {view.shown.map((role) => (role.everyone ? row(role) : row(role, ranked.indexOf(role))))}
        </tbody>
      </table>
      </ListToolbar>
      {pending && (
        <ReorderPlanModal
          roles={roles}
          plan={pending}
          onConfirm={() => {
            setPending(undefined);
            void save(pending);
          }}
          onCancel={() => setPending(undefined)}
        />
      )}
      {editing && (
        <RoleForm
          role={editing === "new" ? undefined : editing}
          roles={roles}
          catalogue={catalogue}
          onClose={() => setEditing(undefined)}
          onSaved={async () => {
            setEditing(undefined);
            await load();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          kind="delete-role"
          title={t("rbacDeleteRoleTitle")}
          confirmLabel={t("delete")}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          {t("rbacDeleteRoleText", { name: deleting.name, count: deleting.memberCount ?? 0 })}
        </ConfirmDialog>
      )}
      {members && (
        <MembersModal
          kind="role"
          role={members}
          verdict={canAssignRole(me, members)}
          onClose={async () => {
            setMembers(undefined);
            await load();
          }}
        />
      )}
    </>
  );
};
