import { Alert, Button, Label, Spinner, Text, ToolbarItem } from "@patternfly/react-core";
import { PencilAltIcon, TrashIcon } from "@patternfly/react-icons";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdminRole, Permission } from "./api";
import { useOrganizationName, useRbac } from "./context";
import { ListToolbar, matchesText, useListView } from "./ListToolbar";
import { PermissionForm } from "./PermissionForm";
import { canDeletePermission, canManageCatalogue, holds } from "./rules";
import { ConfirmDialog, GuardedButton, RoleBadge } from "./widgets";

const SHOWN_ROLES = 4;

const permissionMatches = (p: Permission, search: string) => matchesText(search, p.name, p.description);

/** The admin roles that give a permission, as badges (the first few, then a button for the rest). */
const UsedBy = ({ roles }: { roles: AdminRole[] }) => {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? roles : roles.slice(0, SHOWN_ROLES);
  return (
    <span className="rbac-badges" data-testid="rbac-used-by" data-count={roles.length} data-roles={roles.map((r) => r.name).join(",")}>
      {roles.length === 0 && (
        <Text component="small" className="rbac-none">
          {t("rbacUsedByNone")}
        </Text>
      )}
      {shown.map((r) => (
        <RoleBadge key={r.id} name={r.name} color={r.color} icon={r.icon} />
      ))}
      {roles.length > SHOWN_ROLES && (
        <Button variant="link" isInline onClick={() => setAll((a) => !a)} data-testid="rbac-used-by-more">
          {all ? t("rbacShowLess") : t("rbacUsedByMore", { count: roles.length - SHOWN_ROLES })}
        </Button>
      )}
    </span>
  );
};

/**
 * The realm's permission catalogue: built-ins marked, which roles give each permission, descriptions
 * edited, custom permissions created and deleted.
 */
export const PermissionsTab = () => {
  const { t } = useTranslation();
  // The catalogue is the realm's in every scope, changed under the admin's access in the realm.
  const { api, realmMe: me, notify } = useRbac();
  const organization = useOrganizationName();
  const [catalogue, setCatalogue] = useState<Permission[]>();
  const [roles, setRoles] = useState<AdminRole[]>([]);
  const [editing, setEditing] = useState<Permission | "new">();
  const [deleting, setDeleting] = useState<Permission>();
  const view = useListView(catalogue, permissionMatches);

  const load = useCallback(async () => {
    const [p, r] = await Promise.all([api.permissions(), api.roles()]);
    setRoles(r);
    setCatalogue(p);
  }, [api]);
  useEffect(() => {
    load().catch(() => setCatalogue([]));
  }, [load]);

  if (!catalogue || !me) return <Spinner />;
  const manage = canManageCatalogue(me);

  /** The admin roles (@everyone included) that give a permission, highest first as GET /roles sorts them. */
  const usedBy = (name: string) => roles.filter((r) => r.permissions.includes(name));

  // After the dialog's confirm: deleted (the dialog closes) or refused (it stays open with the reason).
  const remove = async (p: Permission) => {
    try {
      await api.deletePermission(p.id);
    } catch (e) {
      void load();
      throw e;
    }
    notify("success", t("rbacPermissionDeleted", { name: p.name }));
    setDeleting(undefined);
    await load();
  };

  return (
    <>
      <ListToolbar
        view={view}
        name="rbac-permissions"
        placeholder={t("rbacSearchPermissions")}
        onRefresh={() => void load().catch(() => setCatalogue([]))}
        toolbarItem={
          <ToolbarItem>
            <GuardedButton verdict={manage} onClick={() => setEditing("new")} data-testid="rbac-create-permission">
              {t("rbacCreatePermission")}
            </GuardedButton>
          </ToolbarItem>
        }
        help={<Text component="small">{t("rbacCatalogueHelp")}</Text>}
      >
      {organization && (
        <Alert variant="info" isInline title={t("rbacCatalogueRealmWide")} className="rbac-locked-banner" data-testid="rbac-catalogue-realm-wide">
          <Text component="small">{t("rbacCatalogueRealmWideText", { organization })}</Text>
        </Alert>
      )}
      <table className="pf-v5-c-table pf-m-compact pf-m-grid-md rbac-table" aria-label={t("rbacTabPermissions")} data-testid="rbac-permissions-table">
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("description")}</th>
            <th>{t("rbacKind")}</th>
            <th>{t("rbacUsedBy")}</th>
            <th>{t("rbacYouHoldIt")}</th>
            <th aria-label={t("rbacActions")} />
          </tr>
        </thead>
        <tbody>
          {view.shown.map((p) => (
            <tr key={p.id} data-permission={p.name} data-built-in={p.builtIn}>
              <td data-label={t("name")}>
                <code>{p.name}</code>
              </td>
              <td data-label={t("description")} data-testid="rbac-permission-description-text">
                {p.description}
              </td>
              <td data-label={t("rbacKind")}>
                {p.builtIn ? (
                  <Label isCompact color="blue">{t("rbacBuiltIn")}</Label>
                ) : (
                  <Label isCompact color="green">{t("rbacCustom")}</Label>
                )}
              </td>
              <td data-label={t("rbacUsedBy")}>
                <UsedBy roles={usedBy(p.name)} />
              </td>
              <td data-label={t("rbacYouHoldIt")}>{holds(me, p.name) ? t("yes") : t("no")}</td>
              <td className="rbac-cell-actions">
                <GuardedButton verdict={manage} variant="plain" aria-label={t("rbacEditPermission", { name: p.name })} onClick={() => setEditing(p)} data-testid="rbac-edit-permission">
                  <PencilAltIcon />
                </GuardedButton>
                {!p.builtIn && (
                  <GuardedButton verdict={canDeletePermission(me, p)} variant="plain" aria-label={t("rbacDeletePermission", { name: p.name })} onClick={() => setDeleting(p)} data-testid="rbac-delete-permission">
                    <TrashIcon />
                  </GuardedButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </ListToolbar>
      {editing && (
        <PermissionForm
          permission={editing === "new" ? undefined : editing}
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
          kind="delete-permission"
          title={t("rbacDeletePermissionTitle")}
          confirmLabel={t("delete")}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          {usedBy(deleting.name).length === 0
            ? t("rbacDeletePermissionTextUnused", { name: deleting.name })
            : t("rbacDeletePermissionText", {
                name: deleting.name,
                roles: usedBy(deleting.name).map((r) => r.name).join(", "),
              })}
        </ConfirmDialog>
      )}
    </>
  );
};
