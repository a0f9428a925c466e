import { Button, ButtonVariant, List, ListItem, Modal, ModalVariant, Spinner, Text, Title } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminRole } from "./api";
import { useRbac } from "./context";
import type { MovePlan } from "./rules";
import { Swatch } from "./widgets";

/** At most this many members are read to tell whose highest position changes; beyond it, counts only. */
const MAX_MEMBERS = 50;

type HolderChange = { username: string; from: number; to: number };

type Props = {
  plan: MovePlan;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * Before a move that shifts other roles is saved (issue #15 item 1): which roles change position,
 * old → new, how many members each has, and whose highest position (authority) changes. Nothing is
 * saved until Move is pressed; Cancel leaves every role where it was.
 */
export const ReorderPlanModal = ({ plan, onConfirm, onCancel }: Props) => {
  const { t } = useTranslation();
  const holders = useHolderChanges(plan);
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
      <div data-testid="rbac-plan-users" data-state={holders.state}>
        {holders.state === "loading" && <Spinner size="md" />}
        {holders.state === "unknown" && <Text component="small">{t("rbacPlanUsersUnknown")}</Text>}
        {holders.state === "many" && <Text component="small">{t("rbacPlanUsersMany", { max: MAX_MEMBERS })}</Text>}
        {holders.state === "known" && holders.changes.length === 0 && <Text component="small">{t("rbacPlanUsersNone")}</Text>}
        {holders.state === "known" && holders.changes.length > 0 && (
          <List isPlain>
            {holders.changes.map((h) => (
              <ListItem key={h.username} data-username={h.username} data-from={h.from} data-to={h.to}>
                <strong>{h.username}</strong>: {h.from} → {h.to}
              </ListItem>
            ))}
          </List>
        )}
      </div>
    </Modal>
  );
};

type Holders =
  | { state: "loading" | "unknown" | "many" }
  | { state: "known"; changes: HolderChange[] };

/**
 * The members of the roles the plan moves, each with their highest position before and after, read
 * from GET /roles/{id}/users and GET /users/{id}/roles; only those whose highest position changes.
 */
function useHolderChanges(plan: MovePlan): Holders {
  const { api } = useRbac();
  const [holders, setHolders] = useState<Holders>({ state: "loading" });
  useEffect(() => {
    const changes = [plan.moved, ...plan.shifted];
    const total = changes.reduce((sum, c) => sum + (c.role.memberCount ?? 0), 0);
    if (total > MAX_MEMBERS) {
      setHolders({ state: "many" });
      return;
    }
    let live = true;
    const after = new Map(changes.map((c) => [c.role.id, c.to]));
    const highest = (roles: AdminRole[], moved: boolean) =>
      roles.reduce((max, r) => Math.max(max, moved ? (after.get(r.id) ?? r.position) : r.position), 0);
    (async () => {
      const members = (await Promise.all(changes.map((c) => (c.role.memberCount === 0 ? [] : api.roleMembers(c.role.id))))).flat();
      const unique = [...new Map(members.map((m) => [m.id, m])).values()];
      const found = await Promise.all(
        unique.map(async (m) => {
          const roles = await api.userRoles(m.id);
          return { username: m.username, from: highest(roles, false), to: highest(roles, true) };
        }),
      );
      return found.filter((h) => h.from !== h.to).sort((a, b) => a.username.localeCompare(b.username));
    })().then(
      (found) => live && setHolders({ state: "known", changes: found }),
      () => live && setHolders({ state: "unknown" }),
    );
    return () => {
      live = false;
    };
  }, [api, plan]);
  return holders;
}
