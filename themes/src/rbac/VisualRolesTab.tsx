import { Button, EmptyState, EmptyStateBody, Spinner, Text, ToolbarItem } from "@patternfly/react-core";
import { PencilAltIcon, TrashIcon, UsersIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VisualRole } from "./api";
import { useRbac } from "./context";
import { ListToolbar, matchesText, useListView } from "./ListToolbar";
import { MembersModal } from "./MembersModal";
import { RoleForm } from "./RoleForm";
import { canAssignVisualRoles, canManageVisualRoles } from "./rules";
import { ConfirmDialog, GuardedButton, RoleBadge } from "./widgets";

const visualRoleMatches = (r: VisualRole, search: string) => matchesText(search, r.name, r.description);

/** Visual roles: cosmetic, coloured badges with no authority, in display order. */
export const VisualRolesTab = () => {
  const { t } = useTranslation();
  const { api, me, notify } = useRbac();
  const [roles, setRoles] = useState<VisualRole[]>();
  const [editing, setEditing] = useState<VisualRole | "new">();
  const [members, setMembers] = useState<VisualRole>();
  const [deleting, setDeleting] = useState<VisualRole>();
  const view = useListView(roles, visualRoleMatches);

  const load = useCallback(async () => setRoles(await api.visualRoles()), [api]);
  useEffect(() => {
    load().catch(() => setRoles([]));
  }, [load]);

  if (!roles || !me) return <Spinner />;
  const manage = canManageVisualRoles(me);

  // After the dialog's confirm: deleted (the dialog closes) or refused (it stays open with the reason).
  const remove = async (role: VisualRole) => {
    try {
      await api.deleteVisualRole(role.id);
    } catch (e) {
      void load();
      throw e;
    }
    notify("success", t("rbacRoleDeleted", { name: role.name }));
    setDeleting(undefined);
    await load();
  };

  return (
    <>
      <ListToolbar
        view={view}
        name="rbac-visual-roles"
        placeholder={t("rbacSearchVisualRoles")}
        onRefresh={() => void load().catch(() => setRoles([]))}
        toolbarItem={
          <ToolbarItem>
            <GuardedButton verdict={manage} onClick={() => setEditing("new")} data-testid="rbac-create-visual-role">
              {t("rbacCreateVisualRole")}
            </GuardedButton>
          </ToolbarItem>
        }
        help={<Text component="small">{t("rbacVisualHelp")}</Text>}
      >
      {roles.length === 0 ? (
        <EmptyState variant="xs">
          <EmptyStateBody>{t("rbacNoVisualRoles")}</EmptyStateBody>
        </EmptyState>
      ) : (
        <table className="pf-v5-c-table pf-m-compact pf-m-grid-md rbac-table" aria-label={t("rbacTabVisualRoles")} data-testid="rbac-visual-table">
          <thead>
            <tr>
              <th>{t("rbacPosition")}</th>
              <th>{t("rbacBadge")}</th>
              <th>{t("description")}</th>
              <th>{t("rbacMembers")}</th>
              <th aria-label={t("rbacActions")} />
            </tr>
          </thead>
          <tbody>
            {view.shown.map((role) => (
              <tr key={role.id} data-role-name={role.name} data-role-id={role.id}>
                <td className="rbac-cell-position">{role.position}</td>
                <td>
                  <RoleBadge name={role.name} color={role.color} icon={role.icon} />
                </td>
                <td>{role.description}</td>
                <td className="rbac-cell-members">{role.memberCount ?? "–"}</td>
                <td className="rbac-cell-actions">
                  <GuardedButton verdict={manage} variant="plain" aria-label={t("rbacEditRole", { name: role.name })} onClick={() => setEditing(role)} data-testid="rbac-edit">
                    <PencilAltIcon />
                  </GuardedButton>
                  <Button variant="plain" aria-label={t("rbacManageMembers", { name: role.name })} onClick={() => setMembers(role)} data-testid="rbac-members">
                    <UsersIcon />
                  </Button>
                  <GuardedButton verdict={manage} variant="plain" aria-label={t("rbacDeleteRole", { name: role.name })} onClick={() => setDeleting(role)} data-testid="rbac-delete">
                    <TrashIcon />
                  </GuardedButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </ListToolbar>
      {editing && (
        <RoleForm
          kind="visual"
          role={editing === "new" ? undefined : editing}
          roles={roles}
          onClose={() => setEditing(undefined)}
          onSaved={async () => {
            setEditing(undefined);
            await load();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          kind="delete-visual-role"
          title={t("rbacDeleteVisualRoleTitle")}
          confirmLabel={t("delete")}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          {t("rbacDeleteVisualRoleText", { name: deleting.name, count: deleting.memberCount ?? 0 })}
        </ConfirmDialog>
      )}
      {members && (
        <MembersModal
          kind="visual"
          role={members}
          verdict={canAssignVisualRoles(me)}
          onClose={async () => {
            setMembers(undefined);
            await load();
          }}
        />
      )}
    </>
  );
};
