import {
  Alert,
  Button,
  ButtonVariant,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalVariant,
  Text,
  TextInput,
} from "@patternfly/react-core";
import { BanIcon, LockIcon, OutlinedClockIcon } from "@patternfly/react-icons";
import { FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, describe } from "./api";
import { useRbac } from "./context";
import type { Verdict } from "./rules";
import { FieldError, GuardedButton, useReason } from "./widgets";

/** The user a moderation action is aimed at. */
export type ModerationSubject = { id: string; username: string };

export type ModerationAction = "disable" | "enable" | "logout" | "timeout" | "end-timeout";

/** What the console knows of a user for moderating them, and whether the signed-in admin may. */
export type ModerationState = {
  /** Keycloak's enabled flag; undefined when Keycloak's admin API did not answer. */
  enabled?: boolean;
  /** While a time-out holds, when it ends (from GET /users/{id}/permissions). */
  timedOutUntil?: string;
  owner?: boolean;
  /** The rule's answer for the signed-in admin; its code names the refusal (hierarchy, owner_protection, ...). */
  verdict: Verdict;
};

/** The durations the time-out dialog offers (the server takes up to 28 days). */
export const DURATIONS = [
  { key: "60s", label: "rbacModerateDuration60s", ms: 60_000 },
  { key: "5m", label: "rbacModerateDuration5m", ms: 5 * 60_000 },
  { key: "10m", label: "rbacModerateDuration10m", ms: 10 * 60_000 },
  { key: "1h", label: "rbacModerateDuration1h", ms: 60 * 60_000 },
  { key: "1d", label: "rbacModerateDuration1d", ms: 24 * 60 * 60_000 },
  { key: "1w", label: "rbacModerateDuration1w", ms: 7 * 24 * 60 * 60_000 },
] as const;

type DurationKey = (typeof DURATIONS)[number]["key"];

const CHECKING: Verdict = { allowed: false, reason: "rbacModerateChecking" };

/** An instant for a person, in their locale and time zone, to the second. */
export const formatInstant = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
};

// A member list may hold many users, each needing three answers: at most a few requests at a time.
const MAX_IN_FLIGHT = 6;
let inFlight = 0;
const waiting: (() => void)[] = [];

function limited<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      inFlight++;
      task()
        .then(resolve, reject)
        .finally(() => {
          inFlight--;
          waiting.shift()?.();
        });
    };
    if (inFlight < MAX_IN_FLIGHT) start();
    else waiting.push(start);
  });
}

/**
 * Loads what moderating a user needs: Keycloak's enabled flag, the user's time-out, and the rule's
 * answer for the signed-in admin. The rule is the server's (GET /users/{me}/can-manage/users/{id});
 * an owner may act on anyone, which the console knows from GET /me without asking (an owner signed in
 * from the master realm is no user of this realm for the decision endpoint to look up), except on
 * themself. The server still judges every action.
 */
export function useModeration(user: ModerationSubject) {
  // Moderation acts on the whole realm (design §9), so the realm's ladder judges it in every scope.
  const { realmApi: api, realmMe: me } = useRbac();
  const [state, setState] = useState<ModerationState>();
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!me) return;
    let live = true;
    const self = me.userId === user.id;
    const ask = me.owner
      ? Promise.resolve<Verdict>(self ? { allowed: false, reason: "rbacModerateSelf" } : { allowed: true })
      : limited(() => api.canManageUser(me.userId, user.id)).then(
          (d): Verdict => (d.allowed ? { allowed: true } : { allowed: false, text: d.reason, code: d.refusal }),
          (e): Verdict => ({
            allowed: false,
            text: describe(e),
            code: e instanceof ApiError ? e.error : undefined,
          }),
        );
    Promise.all([
      limited(() => api.keycloakUser(user.id)).catch(() => undefined),
      limited(() => api.userAccess(user.id)).catch(() => undefined),
      ask,
    ]).then(([keycloak, access, verdict]) => {
      if (!live) return;
      setState({
        enabled: keycloak?.enabled,
        timedOutUntil: access?.timedOutUntil ?? undefined,
        owner: access?.owner,
        verdict,
      });
    });
    return () => {
      live = false;
    };
  }, [api, me, user.id, version]);

  // A time-out ends by itself: look again just after it has.
  const until = state?.timedOutUntil;
  useEffect(() => {
    if (!until) return;
    const wait = Date.parse(until) - Date.now() + 1000;
    if (!(wait > 0 && wait < 2 ** 31 - 1)) return;
    const timer = setTimeout(reload, wait);
    return () => clearTimeout(timer);
  }, [until, reload]);

  return { user, state, reload };
}

export type Moderation = ReturnType<typeof useModeration>;

/** "Disabled" and "Timed out until …" labels, and why the admin may not moderate the user. */
export const ModerationStatus = ({ moderation, showLocked = true }: { moderation: Moderation; showLocked?: boolean }) => {
  const { t } = useTranslation();
  const reason = useReason();
  const { state } = moderation;
  if (!state) return null;
  return (
    <span className="rbac-moderation-status">
      {state.enabled === false && (
        <Label color="red" isCompact icon={<BanIcon />} data-testid="rbac-user-disabled">
          {t("rbacUserDisabled")}
        </Label>
      )}
      {state.timedOutUntil && (
        <Label color="orange" isCompact icon={<OutlinedClockIcon />} data-testid="rbac-timed-out" data-until={state.timedOutUntil}>
          {t("rbacTimedOutUntil", { until: formatInstant(state.timedOutUntil) })}
        </Label>
      )}
      {showLocked && !state.verdict.allowed && (
        <Text component="small" className="rbac-locked" data-testid="rbac-moderate-locked" data-refusal={state.verdict.code ?? ""}>
          <LockIcon className="rbac-lock-icon" /> {reason(state.verdict)}
        </Text>
      )}
    </span>
  );
};

/**
 * The moderation buttons for one user: Disable or Enable (by Keycloak's enabled flag; both while it is
 * unknown), Sign out, Time out, and End time-out while one holds. Each opens a confirmation dialog.
 * When the rule refuses, every button stays visible but aria-disabled, with the reason as its tooltip
 * and in data-reason.
 */
export const ModerationButtons = ({ moderation, onChanged }: { moderation: Moderation; onChanged?: () => void }) => {
  const { t } = useTranslation();
  const { user, state, reload } = moderation;
  const [action, setAction] = useState<ModerationAction>();
  const verdict = state?.verdict ?? CHECKING;
  const common = {
    verdict,
    size: "sm" as const,
    "data-refusal": state?.verdict.code,
  };
  return (
    <span
      className="rbac-moderation-buttons"
      data-testid="rbac-moderation"
      data-username={user.username}
      data-state={state ? "decided" : "checking"}
    >
      {state?.enabled !== false && (
        <GuardedButton {...common} variant="secondary" isDanger onClick={() => setAction("disable")} data-testid="rbac-moderate-disable">
          {t("rbacModerateDisable")}
        </GuardedButton>
      )}
      {state?.enabled !== true && (
        <GuardedButton {...common} variant="secondary" onClick={() => setAction("enable")} data-testid="rbac-moderate-enable">
          {t("rbacModerateEnable")}
        </GuardedButton>
      )}
      <GuardedButton {...common} variant="secondary" onClick={() => setAction("logout")} data-testid="rbac-moderate-logout">
        {t("rbacModerateLogout")}
      </GuardedButton>
      <GuardedButton {...common} variant="secondary" onClick={() => setAction("timeout")} data-testid="rbac-moderate-timeout">
        {t("rbacModerateTimeout")}
      </GuardedButton>
      {state?.timedOutUntil && (
        <GuardedButton {...common} variant="secondary" onClick={() => setAction("end-timeout")} data-testid="rbac-moderate-end-timeout">
          {t("rbacModerateEndTimeout")}
        </GuardedButton>
      )}
      {action && state && (
        <ModerationModal
          action={action}
          user={user}
          state={state}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            reload();
            onChanged?.();
          }}
          onRefused={() => {
            reload();
            onChanged?.();
          }}
        />
      )}
    </span>
  );
};

/** Everything for one user in one place: labels, the reason it is refused, the buttons. */
export const ModerationPanel = ({ user, onChanged }: { user: ModerationSubject; onChanged?: () => void }) => {
  const { t } = useTranslation();
  const { organizationId } = useRbac();
  const moderation = useModeration(user);
  return (
    <div className="rbac-moderation-panel" data-testid="rbac-moderation-panel" data-username={user.username}>
      <span className="rbac-moderation-title">{t("rbacModerate")}</span>
      <ModerationButtons moderation={moderation} onChanged={onChanged} />
      <div>
        <ModerationStatus moderation={moderation} />
      </div>
      {organizationId && <Text component="small" data-testid="rbac-moderation-realm-wide">{t("rbacModerationRealmWide")}</Text>}
    </div>
  );
};

type ModalProps = {
  action: ModerationAction;
  user: ModerationSubject;
  state: ModerationState;
  onClose: () => void;
  onDone: () => void;
  /** The server refused: what the console showed may be stale, so it asks again (the dialog stays open). */
  onRefused: () => void;
};

const TITLES: Record<ModerationAction, [title: string, text: string, confirm: string]> = {
  disable: ["rbacModerateDisableTitle", "rbacModerateDisableText", "rbacModerateDisable"],
  enable: ["rbacModerateEnableTitle", "rbacModerateEnableText", "rbacModerateEnable"],
  logout: ["rbacModerateLogoutTitle", "rbacModerateLogoutText", "rbacModerateLogout"],
  timeout: ["rbacModerateTimeoutTitle", "rbacModerateTimeoutText", "rbacModerateTimeout"],
  "end-timeout": ["rbacModerateEndTimeoutTitle", "rbacModerateEndTimeoutText", "rbacModerateEndTimeout"],
};

/**
 * The confirmation of one action, in the shape of the console's own "Delete role?" dialog: a small
 * modal with a title, what the action does, an optional reason (and the duration of a time-out), the
 * confirm button (danger for a ban) and a cancel link. A refusal of the server stays in the dialog.
 */
export const ModerationModal = ({ action, user, state, onClose, onDone, onRefused }: ModalProps) => {
  const { t } = useTranslation();
  const { realmApi: api, notify } = useRbac();
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState<DurationKey>("5m");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [title, text, confirmLabel] = TITLES[action];
  const username = user.username;
  const withReason = action !== "end-timeout";
  // A 400 naming a field of the dialog shows under that field (as in the role form), anything else above.
  const underField =
    error instanceof ApiError &&
    ((error.field === "reason" && withReason) || (error.field === "until" && action === "timeout"));

  const confirm = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      let done: string;
      switch (action) {
        case "disable":
          await api.disableUser(user.id, reason);
          done = t("rbacModerateDisabled", { username });
          break;
        case "enable":
          await api.enableUser(user.id, reason);
          done = t("rbacModerateEnabled", { username });
          break;
        case "logout":
          await api.logoutUser(user.id, reason);
          done = t("rbacModerateLoggedOut", { username });
          break;
        case "timeout": {
          const ms = DURATIONS.find((d) => d.key === duration)!.ms;
          const trimmed = reason.trim();
          const answer = await api.timeOutUser(user.id, {
            until: new Date(Date.now() + ms).toISOString(),
            ...(trimmed ? { reason: trimmed } : {}),
          });
          done = t("rbacModerateTimedOut", { username, until: formatInstant(answer.until) });
          break;
        }
        case "end-timeout":
          await api.endTimeout(user.id);
          done = t("rbacModerateTimeoutEnded", { username });
          break;
      }
      notify("success", done);
      onDone();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) onRefused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      title={t(title, { username })}
      isOpen
      onClose={onClose}
      data-testid="rbac-moderate-modal"
      data-action={action}
      actions={[
        <Button
          key="confirm"
          variant={action === "disable" ? ButtonVariant.danger : ButtonVariant.primary}
          onClick={() => void confirm()}
          isLoading={busy}
          isDisabled={busy}
          data-testid="rbac-moderate-confirm"
        >
          {t(confirmLabel)}
        </Button>,
        <Button key="cancel" variant={ButtonVariant.link} onClick={onClose} data-testid="rbac-moderate-cancel">
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form onSubmit={(e) => void confirm(e)} id="rbac-moderate-form">
        {error !== undefined && !underField && (
          <Alert
            variant="danger"
            isInline
            title={describe(error)}
            data-testid="rbac-moderate-error"
            data-error={error instanceof ApiError ? error.error : ""}
            data-status={error instanceof ApiError ? error.status : ""}
          />
        )}
        <Text>{t(text, { username, until: state.timedOutUntil ? formatInstant(state.timedOutUntil) : "" })}</Text>
        {action === "timeout" && state.timedOutUntil && (
          <Text component="small">{t("rbacModerateTimeoutReplaces", { until: formatInstant(state.timedOutUntil) })}</Text>
        )}
        {action === "timeout" && state.owner && (
          <Text component="small" data-testid="rbac-moderate-owner-note">
            {t("rbacModerateTimeoutOwner", { username })}
          </Text>
        )}
        {action === "timeout" && (
          <FormGroup label={t("rbacModerateDuration")} fieldId="rbac-moderate-duration" isRequired>
            <FormSelect
              id="rbac-moderate-duration"
              value={duration}
              onChange={(_e, value) => setDuration(value as DurationKey)}
              data-testid="rbac-moderate-duration"
            >
              {DURATIONS.map((d) => (
                <FormSelectOption key={d.key} value={d.key} label={t(d.label)} />
              ))}
            </FormSelect>
            <FieldError error={error} field="until" testIdPrefix="rbac-moderate-error" />
          </FormGroup>
        )}
        {withReason && (
          <FormGroup label={t("rbacModerateReason")} fieldId="rbac-moderate-reason">
            <TextInput
              id="rbac-moderate-reason"
              value={reason}
              onChange={(_e, value) => setReason(value)}
              validated={error instanceof ApiError && error.field === "reason" ? "error" : "default"}
              data-testid="rbac-moderate-reason"
            />
            <FieldError error={error} field="reason" testIdPrefix="rbac-moderate-error" />
            {!(error instanceof ApiError && error.field === "reason") && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>{t("rbacModerateReasonHelp")}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
        )}
        <button type="submit" className="rbac-hidden-submit" tabIndex={-1} aria-hidden />
      </Form>
    </Modal>
  );
};
