import { Button, ButtonVariant, List, ListItem, Modal, ModalVariant, Spinner, Text, Title } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminRole, Member } from "./api";
import { useRbac } from "./context";
import { holderChanges, rolesDecidingHolders, type HolderChange, type MovePlan } from "./rules";
import { Swatch } from "./widgets";

/** The users named in the dialog; beyond them it says how many more (an exact count). */
const NAMED = 50;
/**
 * At most this many memberships are read (the roles' member counts added up, read page by page) to
 * tell whose highest position changes; beyond it the dialog says so and shows each role's count.
 */
const MAX_MEMBERSHIPS = 10000;

type Props = {
  /** Every admin role, as GET /roles lists them: the roles left in place decide whose highest position changes too. */
  roles: AdminRole[];
  plan: MovePlan;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * Before a move that shifts other roles is saved (issue #15 item 1): which roles change position,
 * old → new, how many members each has, and whose highest position (authority) changes. Nothing is
 * saved until Move is pressed; Cancel leaves every role where it was.
 */
export const ReorderPlanModal = ({ roles, plan, onConfirm, onCancel }: Props) => {
  const { t } = useTranslation();
  const holders = useHolderChanges(roles, plan);
  const changes = [plan.moved, ...plan.shifted];
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("rbacPlanTitle", { name: plan.moved.role.name })}
      isOpen
      onClose={onCancel}
      elementToFocus="#rbac-plan-confirm"
      data-testid="rbac-plan-modal"
      actions={[
        <Button key="confirm" id="rbac-plan-confirm" variant={ButtonVariant.primary} onClick={onConfirm} data-testid="rbac-plan-confirm">
          {t("rbacPlanConfirm")}
        </Button>,
        <Button key="cancel" variant={ButtonVariant.link} onClick={onCancel} data-testid="rbac-plan-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Text data-testid="rbac-plan-intro">
        {t("rbacPlanIntro", { name: plan.moved.role.name, position: plan.moved.to, count: plan.shifted.length })}
      </Text>
      <table className="pf-v5-c-table pf-m-compact rbac-plan-table" aria-label={t("rbacPlanTitle", { name: plan.moved.role.name })}>
        <thead>
          <tr>
            <th>{t("rbacPlanRole")}</th>
            <th>{t("rbacPlanPosition")}</th>
            <th>{t("rbacPlanHolders")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={c.role.id} data-testid="rbac-plan-row" data-role-name={c.role.name} data-from={c.from} data-to={c.to}>
              <td>
                <span className="rbac-role-name">
                  <Swatch color={c.role.color} />
                  <strong>{c.role.name}</strong>
                  <Text component="small" className="rbac-description">
                    {i === 0 ? t("rbacPlanMoved") : t("rbacPlanShifted")}
                  </Text>
                </span>
              </td>
              <td className="rbac-plan-position">
                {c.from} → {c.to}
              </td>
              <td>{c.role.memberCount ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Title headingLevel="h3" size="md" className="rbac-plan-users-title">
        {t("rbacPlanUsers")}
      </Title>
      <div
        data-testid="rbac-plan-users"
        data-state={holders.state}
        data-count={holders.state === "known" ? holders.changes.length : undefined}
      >
        {holders.state === "loading" && <Spinner size="md" />}
        {holders.state === "unknown" && <Text component="small">{t("rbacPlanUsersUnknown")}</Text>}
        {holders.state === "many" && (
          <Text component="small">{t("rbacPlanUsersMany", { count: holders.memberships, max: MAX_MEMBERSHIPS })}</Text>
        )}
        {holders.state === "known" && holders.changes.length === 0 && <Text component="small">{t("rbacPlanUsersNone")}</Text>}
        {holders.state === "known" && holders.changes.length > 0 && (
          <List isPlain className="rbac-plan-users-list">
            {holders.changes.slice(0, NAMED).map((h) => (
              <ListItem key={h.id} data-username={h.username} data-from={h.from} data-to={h.to}>
                <strong>{h.username}</strong>: {h.from} → {h.to}
              </ListItem>
            ))}
          </List>
        )}
        {holders.state === "known" && holders.changes.length > NAMED && (
          <Text component="small" data-testid="rbac-plan-users-more" data-count={holders.changes.length - NAMED}>
            {t("rbacPlanUsersMore", { count: holders.changes.length - NAMED })}
          </Text>
        )}
      </div>
    </Modal>
  );
};

type Holders =
  | { state: "loading" | "unknown" }
  | { state: "many"; memberships: number }
  | { state: "known"; changes: HolderChange[] };

/**
 * Whose highest position the plan changes (rules.ts holderChanges), from the members of the roles that
 * decide it (rolesDecidingHolders), each read page by page with GET /roles/{id}/users?first=&max= to
 * the last page, so the count is exact; unless their member counts add up to more than MAX_MEMBERSHIPS.
 */
function useHolderChanges(roles: AdminRole[], plan: MovePlan): Holders {
  const { api } = useRbac();
  const [holders, setHolders] = useState<Holders>({ state: "loading" });
  useEffect(() => {
    const deciding = rolesDecidingHolders(roles, plan);
    const memberships = deciding.reduce((sum, r) => sum + (r.memberCount ?? 0), 0);
    if (memberships > MAX_MEMBERSHIPS) {
      setHolders({ state: "many", memberships });
      return;
    }
    let live = true;
    (async () => {
      const members = new Map<string, Member[]>();
      // One role at a time: a ladder may have hundreds of roles, each a request or more.
      for (const role of deciding) {
        if (!live) return [];
        members.set(role.id, await api.roleMembers(role.id));
      }
      return holderChanges(roles, plan, members);
    })().then(
      (changes) => live && setHolders({ state: "known", changes }),
      () => live && setHolders({ state: "unknown" }),
    );
    return () => {
      live = false;
    };
  }, [api, roles, plan]);
  return holders;
}
