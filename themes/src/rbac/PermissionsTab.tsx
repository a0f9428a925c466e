import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Spinner,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { TrashIcon } from "@patternfly/react-icons";
import { FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdminRole, ApiError, describe, Permission } from "./api";
import { useRbac } from "./context";
import { canDeletePermission, canManageCatalogue, holds } from "./rules";
import { ConfirmDialog, GuardedButton, useReason } from "./widgets";

/** The realm's permission catalogue: built-ins marked, custom permissions added and removed. */
export const PermissionsTab = () => {
  const { t } = useTranslation();
  const reason = useReason();
  const { api, me, notify } = useRbac();
  const [catalogue, setCatalogue] = useState<Permission[]>();
  const [roles, setRoles] = useState<AdminRole[]>([]);
  const [deleting, setDeleting] = useState<Permission>();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<ApiError>();

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

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.createPermission({ name: name.trim(), description: description.trim() || undefined });
      notify("success", t("rbacPermissionCreated", { name: name.trim() }));
      setName("");
      setDescription("");
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", describe(e)));
    }
  };

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

  /** The admin roles (@everyone included) that hold a permission, highest first. */
  const usedBy = (name: string) => roles.filter((r) => r.permissions.includes(name));

  const fieldError = (field: string) =>
    error && (error.field === field || (field === "name" && !error.field)) ? (
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant="error" data-testid={`rbac-error-${field}`}>
            {error.description}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
    ) : null;

  return (
    <>
      <table className="pf-v5-c-table pf-m-compact pf-m-grid-md rbac-table" aria-label={t("rbacTabPermissions")} data-testid="rbac-permissions-table">
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("description")}</th>
            <th>{t("rbacKind")}</th>
            <th>{t("rbacYouHoldIt")}</th>
            <th aria-label={t("rbacActions")} />
          </tr>
        </thead>
        <tbody>
          {catalogue.map((p) => (
            <tr key={p.id} data-permission={p.name} data-built-in={p.builtIn}>
              <td>
                <code>{p.name}</code>
              </td>
              <td>{p.description}</td>
              <td>
                {p.builtIn ? (
                  <Label isCompact color="blue">{t("rbacBuiltIn")}</Label>
                ) : (
                  <Label isCompact color="green">{t("rbacCustom")}</Label>
                )}
              </td>
              <td>{holds(me, p.name) ? t("yes") : t("no")}</td>
              <td className="rbac-cell-actions">
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
      <Title headingLevel="h2" size="lg" className="rbac-spaced">
        {t("rbacAddPermission")}
      </Title>
      {!manage.allowed && (
        <HelperText>
          <HelperTextItem variant="warning" data-testid="rbac-catalogue-locked">
            {reason(manage)}
          </HelperTextItem>
        </HelperText>
      )}
      <Form isHorizontal onSubmit={(e) => void create(e)} className="rbac-permission-form">
        <FormGroup label={t("name")} fieldId="rbac-permission-name" isRequired>
          <TextInput id="rbac-permission-name" value={name} placeholder="edit_recipes" onChange={(_e, v) => setName(v)} isDisabled={!manage.allowed} validated={error && (error.field === "name" || !error.field) ? "error" : "default"} data-testid="rbac-permission-name" />
          {fieldError("name")}
        </FormGroup>
        <FormGroup label={t("description")} fieldId="rbac-permission-description">
          <TextInput id="rbac-permission-description" value={description} onChange={(_e, v) => setDescription(v)} isDisabled={!manage.allowed} validated={error?.field === "description" ? "error" : "default"} data-testid="rbac-permission-description" />
          {fieldError("description")}
        </FormGroup>
        <div>
          <Button type="submit" isDisabled={!manage.allowed || name.trim() === ""} data-testid="rbac-permission-create">
            {t("rbacAdd")}
          </Button>
        </div>
      </Form>
    </>
  );
};
