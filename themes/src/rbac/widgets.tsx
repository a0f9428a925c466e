import {
  Alert,
  Button,
  ButtonProps,
  ButtonVariant,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  Text,
  Tooltip,
} from "@patternfly/react-core";
import { ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Verdict } from "./rules";
import { ApiError, describe } from "./api";
import { FaIcon } from "./FaIcon";

/** A square of the role's colour (a dashed outline when it has none). */
export const Swatch = ({ color }: { color?: string }) => (
  <span
    className={color ? "rbac-swatch" : "rbac-swatch rbac-swatch-none"}
    style={color ? { backgroundColor: color } : undefined}
    data-color={color ?? ""}
    aria-hidden
  />
);

/** A role's icon, drawn with Font Awesome's solid font (FaIcon.tsx, issue #15 item 8). */
export const RoleIcon = ({ icon }: { icon?: string }) => (icon ? <FaIcon icon={icon} /> : null);

/** A role drawn as a coloured badge: swatch, icon and name. */
export const RoleBadge = ({ name, color, icon }: { name: string; color?: string; icon?: string }) => (
  <span className="rbac-badge" style={color ? { borderColor: color, color } : undefined} data-role={name}>
    <Swatch color={color} />
    <RoleIcon icon={icon} />
    <span className="rbac-badge-name">{name}</span>
  </span>
);

/** The sentence that says why something is not allowed. */
export function useReason() {
  const { t } = useTranslation();
  return (verdict: Verdict) => verdict.text ?? (verdict.reason ? t(verdict.reason, verdict.values) : "");
}

type GuardedProps = ButtonProps & { verdict: Verdict };

/**
 * A button the signed-in admin may or may not use: when the rules refuse, it stays visible but
 * disabled, with the reason as its tooltip (and in data-reason, for tests and assistive tools).
 */
export const GuardedButton = ({ verdict, children, ...props }: GuardedProps) => {
  const reason = useReason()(verdict);
  if (verdict.allowed) {
    return <Button {...props}>{children}</Button>;
  }
  return (
    <Tooltip content={reason}>
      <Button {...props} isAriaDisabled data-reason={reason} aria-description={reason} onClick={undefined}>
        {children}
      </Button>
    </Tooltip>
  );
};

/**
 * One field's server message (a 400 whose body names that field), shown under the field; the test id
 * is the prefix and the field ({@code rbac-error-name}, {@code rbac-moderate-error-reason}).
 */
export const FieldError = ({ error, field, testIdPrefix = "rbac-error" }: { error?: unknown; field: string; testIdPrefix?: string }) =>
  error instanceof ApiError && error.field === field ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error" data-testid={`${testIdPrefix}-${field}`}>
          {error.description}
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;

type ConfirmProps = {
  /** What is confirmed, for tests and styles: delete-role, delete-visual-role, delete-permission, remove-member. */
  kind: string;
  title: string;
  /** Names the thing and says what the action does to it. */
  children: ReactNode;
  confirmLabel: string;
  /** Does the change; a rejection (the server's refusal) is shown inside the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
};

/**
 * A destructive action's confirmation in the shape of the console's own "Delete role?" dialog: a small
 * modal with the question as its title, what will happen, a red confirm button and a Cancel link.
 */
export const ConfirmDialog = ({ kind, title, children, confirmLabel, onConfirm, onClose }: ConfirmProps) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      variant={ModalVariant.small}
      title={title}
      isOpen
      onClose={onClose}
      data-testid="rbac-confirm-modal"
      data-kind={kind}
      actions={[
        <Button key="confirm" variant={ButtonVariant.danger} onClick={() => void confirm()} isLoading={busy} isDisabled={busy} data-testid="rbac-confirm">
          {confirmLabel}
        </Button>,
        <Button key="cancel" variant={ButtonVariant.link} onClick={onClose} data-testid="rbac-confirm-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      {error !== undefined && (
        <Alert
          variant="danger"
          isInline
          title={describe(error)}
          data-testid="rbac-confirm-error"
          data-error={error instanceof ApiError ? error.error : ""}
          className="rbac-confirm-error"
        />
      )}
      <Text data-testid="rbac-confirm-text">{children}</Text>
    </Modal>
  );
};
