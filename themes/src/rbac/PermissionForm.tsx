import {
  ActionGroup,
  Alert,
  Button,
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
import { FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, describe, Permission } from "./api";
import { useRbac } from "./context";
import { FieldError } from "./widgets";

type Props = {
  /** The permission whose description is edited; undefined to create one. */
  permission?: Permission;
  catalogue: Permission[];
  onClose: () => void;
  onSaved: () => void | Promise<void>;
};

// Example names for the empty name field; the first one the realm does not already have is shown.
const EXAMPLES = ["publish_articles", "approve_orders", "moderate_chat", "export_reports"];

/**
 * Create a custom permission, or edit a permission's description (built-ins' too; their names never
 * change). The server validates: a 400 naming a field shows under it, anything else above the form.
 */
export const PermissionForm = ({ permission, catalogue, onClose, onSaved }: Props) => {
  const { t } = useTranslation();
  const { api, notify } = useRbac();
  const [name, setName] = useState(permission?.name ?? "");
  const [description, setDescription] = useState(permission?.description ?? "");
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const taken = new Set(catalogue.map((p) => p.name));
  const example = EXAMPLES.find((e) => !taken.has(e));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setError(undefined);
    setSaving(true);
    const text = description.trim() === "" ? null : description.trim();
    try {
      if (permission) {
        await api.updatePermission(permission.id, { description: text });
        notify("success", t("rbacPermissionSaved", { name: permission.name }));
      } else {
        await api.createPermission({ name: name.trim(), description: text });
        notify("success", t("rbacPermissionCreated", { name: name.trim() }));
      }
      await onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "error", describe(e)));
    } finally {
      setSaving(false);
    }
  };

  // A refusal naming no field while creating (a taken name, 409) is about the name: shown under it.
  const underName = !!error && (error.field === "name" || (!permission && !error.field));
  const above = !!error && !underName && error.field !== "description";
  return (
    <Modal
      variant={ModalVariant.small}
      title={permission ? t("rbacEditPermissionTitle", { name: permission.name }) : t("rbacCreatePermissionTitle")}
      isOpen
      onClose={onClose}
      elementToFocus={permission ? "#rbac-permission-description" : "#rbac-permission-name"}
      data-testid="rbac-permission-form"
      actions={[
        <Button
          key="save"
          variant="primary"
          onClick={() => void submit()}
          isLoading={saving}
          isDisabled={saving || (!permission && name.trim() === "")}
          data-testid={permission ? "rbac-permission-save" : "rbac-permission-create"}
        >
          {t(permission ? "save" : "create")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose} data-testid="rbac-permission-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form onSubmit={(e) => void submit(e)}>
        {above && <Alert variant="danger" isInline title={error!.description} data-testid="rbac-permission-error" />}
        <FormGroup label={t("name")} fieldId="rbac-permission-name" isRequired={!permission}>
          <TextInput
            id="rbac-permission-name"
            value={name}
            placeholder={permission ? undefined : example}
            onChange={(_e, v) => setName(v)}
            isDisabled={!!permission}
            validated={underName ? "error" : "default"}
            data-testid="rbac-permission-name"
          />
          {underName ? (
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant="error" data-testid="rbac-error-name">
                  {error!.description}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          ) : (
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  {permission
                    ? t(permission.builtIn ? "rbacPermissionNameBuiltIn" : "rbacPermissionNameKept")
                    : t("rbacPermissionNameHelp")}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          )}
        </FormGroup>
        <FormGroup label={t("description")} fieldId="rbac-permission-description">
          <TextArea
            id="rbac-permission-description"
            value={description}
            onChange={(_e, v) => setDescription(v)}
            validated={error?.field === "description" ? "error" : "default"}
            resizeOrientation="vertical"
            data-testid="rbac-permission-description"
          />
          <FieldError error={error} field="description" />
        </FormGroup>
        <ActionGroup className="rbac-hidden-submit">
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </ActionGroup>
      </Form>
    </Modal>
  );
};
