import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { FormEvent, ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdminRole, ApiError, describe, Permission, VisualRole } from "./api";
import { useRbac } from "./context";
import {
  canChangePermissions,
  canCreateRole,
  canEditRole,
  canManageVisualRoles,
  canTogglePermission,
  maxPosition,
  Verdict,
} from "./rules";
import { FieldError, RoleBadge, useReason } from "./widgets";
import { IconField, resolveIcon } from "./FaIcon";

type Kind = "role" | "visual";

type Props = {
  kind?: Kind;
  role?: AdminRole | VisualRole;
  roles: (AdminRole | VisualRole)[];
  catalogue?: Permission[];
  onClose: () => void;
  onSaved: () => void | Promise<void>;
};

const HEX = /^#[0-9a-fA-F]{6}$/;

/** The lowest free position a new admin role may take (1 when free), never at or above the admin's own. */
function suggestPosition(roles: (AdminRole | VisualRole)[], ceiling: number, kind: Kind) {
  if (kind === "visual") return Math.max(0, ...roles.map((r) => r.position)) + 1;
  const taken = new Set(roles.map((r) => r.position));
  for (let p = 1; p <= ceiling; p++) if (!taken.has(p)) return p;
  return 1;
}

/**
 * Create or edit an admin role or a visual role. The server validates; its 400/409 answers are shown
 * in place, under the field named by the error body's "field", or above the form when it names none.
 */
export const RoleForm = ({ kind = "role", role, roles, catalogue = [], onClose, onSaved }: Props) => {
  const { t } = useTranslation();
  const reason = useReason();
  const { api, me, notify } = useRbac();
  const admin = kind === "role";
  const everyone = admin && !!(role as AdminRole | undefined)?.everyone;
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [position, setPosition] = useState(String(role?.position ?? suggestPosition(roles, me ? maxPosition(me) : 1, kind)));
  const [hasColor, setHasColor] = useState(!!role?.color || !role);
  const [color, setColor] = useState(role?.color ?? "#5865F2");
  const [icon, setIcon] = useState(role?.icon ?? "");
  const [permissions, setPermissions] = useState<string[]>(admin ? [...((role as AdminRole | undefined)?.permissions ?? [])] : []);
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  if (!me) return null;

  const formVerdict: Verdict = admin
    ? role
      ? canEditRole(me, role as AdminRole)
      : canCreateRole(me)
    : canManageVisualRoles(me);
  const permissionsVerdict = canChangePermissions(me, role as AdminRole | undefined);
  const original = new Set(admin ? ((role as AdminRole | undefined)?.permissions ?? []) : []);
  // The colour as the preview, the picker and the badge show it: none when off, neutral while invalid.
  const colorValid = HEX.test(color);
  const shownColor = hasColor && colorValid ? color : undefined;
  const permissionsChanged =
    permissions.length !== original.size || permissions.some((p) => !original.has(p));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    setSaving(true);
    // Blank fields are sent as null (cleared); properties left undefined are not sent (kept).
    // Each body is written out against its generated request type, so a field the contract renames
    // or drops fails the type check here.
    const text = (value: string) => (value.trim() === "" ? null : value);
    const sent = { description: text(description), color: hasColor ? color : null, icon: text(icon.trim()) };
    const typed = position.trim() === "" ? null : Number(position);
    try {
      if (admin && role) {
        await api.updateRole(role.id, {
          name: everyone ? undefined : name,
          description: sent.description,
          color: sent.color,
          icon: sent.icon,
          permissions: permissionsChanged ? permissions : undefined,
        });
      } else if (admin) {
        await api.createRole({
          name,
          description: sent.description,
          // Blank goes out as null on purpose: the server's "position is required" is shown under the field.
          position: typed as number,
          color: sent.color,
          icon: sent.icon,
          permissions,
        });
      } else if (role) {
        // A blank visual position is 0, as the server reads a null one.
        await api.updateVisualRole(role.id, {
          name,
          description: sent.description,
          position: typed ?? 0,
          color: sent.color,
          icon: sent.icon,
        });
      } else {
        await api.createVisualRole({
          name,
          description: sent.description,
          position: typed ?? 0,
          color: sent.color,
          icon: sent.icon,
        });
      }
      notify("success", t(role ? "rbacSaved" : "rbacCreated", { name: everyone ? role!.name : name }));
      await onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", describe(e)));
    } finally {
      setSaving(false);
    }
  };

  const title = t(
    admin ? (role ? "rbacEditRoleTitle" : "rbacCreateRoleTitle") : role ? "rbacEditVisualRoleTitle" : "rbacCreateVisualRoleTitle",
    { name: role?.name ?? "" },
  );

  // A field's help; "invalid" is what the console itself sees wrong before the server is asked.
  const field = (id: string, label: string, control: ReactNode, help?: string, invalid?: string) => (
    <FormGroup label={label} fieldId={`rbac-${id}`} isRequired={id === "name" && !everyone}>
      {control}
      <FieldError error={error} field={id} />
      {(invalid || help) && error?.field !== id && (
        <FormHelperText>
          <HelperText>
            {invalid ? (
              <HelperTextItem variant="error" data-testid={`rbac-invalid-${id}`}>
                {invalid}
              </HelperTextItem>
            ) : (
              <HelperTextItem>{help}</HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      )}
    </FormGroup>
  );

  return (
    <Modal
      variant={ModalVariant.medium}
      title={title}
      isOpen
      onClose={onClose}
      elementToFocus={everyone ? "#rbac-description" : "#rbac-name"}
      data-testid="rbac-role-form"
      actions={[
        <Button key="save" variant="primary" onClick={() => void submit()} isLoading={saving} isDisabled={saving || !formVerdict.allowed} data-testid="rbac-save">
          {t(role ? "save" : "create")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose} data-testid="rbac-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form onSubmit={(e) => void submit(e)} id="rbac-role-form">
        {!formVerdict.allowed && <Alert variant="warning" isInline title={reason(formVerdict)} data-testid="rbac-form-refused" />}
        {error && !error.field && <Alert variant="danger" isInline title={error.description} data-testid="rbac-form-error" />}
        {error?.field && !["name", "description", "position", "color", "icon", "permissions"].includes(error.field) && (
          <Alert variant="danger" isInline title={error.description} data-testid="rbac-form-error" />
        )}
        <div className="rbac-preview">
          <RoleBadge name={name || t("rbacPreview")} color={shownColor} icon={icon || undefined} />
        </div>
        {field(
          "name",
          t("name"),
          <TextInput
            id="rbac-name"
            value={name}
            onChange={(_e, v) => setName(v)}
            isDisabled={everyone}
            validated={error?.field === "name" ? "error" : "default"}
            data-testid="rbac-name"
          />,
          everyone ? t("rbacEveryoneNameHelp") : undefined,
        )}
        {field(
          "description",
          t("description"),
          <TextArea id="rbac-description" value={description} onChange={(_e, v) => setDescription(v)} validated={error?.field === "description" ? "error" : "default"} data-testid="rbac-description" resizeOrientation="vertical" />,
        )}
        {(!role || !admin) &&
          field(
            "position",
            t("rbacPosition"),
            <TextInput id="rbac-position" type="number" value={position} onChange={(_e, v) => setPosition(v)} validated={error?.field === "position" ? "error" : "default"} data-testid="rbac-position" />,
            admin ? (me.owner ? t("rbacPositionHelpOwner") : t("rbacPositionHelp", { highest: me.highestPosition })) : t("rbacVisualPositionHelp"),
          )}
        {field(
          "color",
          t("rbacColor"),
          <div className="rbac-color-row">
            <Checkbox id="rbac-has-color" label={t("rbacHasColor")} isChecked={hasColor} onChange={(_e, v) => setHasColor(v)} data-testid="rbac-has-color" />
            <input
              type="color"
              aria-label={t("rbacColorPicker")}
              value={shownColor ?? "#ffffff"}
              disabled={!hasColor}
              onChange={(e) => setColor(e.target.value.toUpperCase())}
              data-testid="rbac-color-picker"
              data-valid={hasColor ? colorValid : ""}
              className={hasColor && !colorValid ? "rbac-color-picker rbac-color-picker-invalid" : "rbac-color-picker"}
            />
            <TextInput
              id="rbac-color"
              aria-label={t("rbacColor")}
              value={color}
              isDisabled={!hasColor}
              onChange={(_e, v) => setColor(v)}
              validated={error?.field === "color" || (hasColor && !colorValid) ? "error" : "default"}
              data-testid="rbac-color"
              className="rbac-color-text"
            />
          </div>,
          undefined,
          hasColor && !colorValid ? t("rbacColorInvalid") : undefined,
        )}
        {field(
          "icon",
          t("rbacIcon"),
          <IconField value={icon} onChange={setIcon} invalid={error?.field === "icon"} />,
          t("rbacIconHelp"),
          icon.trim() && !resolveIcon(icon) ? t("rbacIconNotDrawn") : undefined,
        )}
        {admin && (
          <FormGroup
            label={t("rbacPermissions")}
            fieldId="rbac-permissions"
            role="group"
            isStack
          >
            {!permissionsVerdict.allowed && (
              <HelperText>
                <HelperTextItem variant="warning" data-testid="rbac-permissions-locked">
                  {reason(permissionsVerdict)}
                </HelperTextItem>
              </HelperText>
            )}
            <div className="rbac-permission-grid">
              {catalogue.map((p) => {
                const toggle = permissionsVerdict.allowed ? canTogglePermission(me, p.name) : permissionsVerdict;
                return (
                  <Checkbox
                    key={p.id}
                    id={`rbac-permission-${p.name}`}
                    label={p.name}
                    description={toggle.allowed ? p.description : `${p.description ? p.description + " — " : ""}${reason(toggle)}`}
                    isChecked={permissions.includes(p.name)}
                    isDisabled={!toggle.allowed}
                    onChange={(_e, checked) =>
                      setPermissions((current) => (checked ? [...current, p.name] : current.filter((x) => x !== p.name)))
                    }
                    data-testid={`rbac-permission-${p.name}`}
                    data-reason={toggle.allowed ? undefined : reason(toggle)}
                  />
                );
              })}
            </div>
            <FieldError error={error} field="permissions" />
          </FormGroup>
        )}
        <ActionGroup className="rbac-hidden-submit">
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </ActionGroup>
      </Form>
    </Modal>
  );
};
