import { Spinner } from "@patternfly/react-core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrganizationName, useRbac } from "./context";
import type { Verdict } from "./rules";
import { GuardedButton } from "./widgets";

type Props = { userId: string; username: string; owner: boolean; self: boolean; onChanged: () => void };

// Design §10: a realm owner or an owner of the organization names and removes its owners; the server decides.
const OWNERS_ONLY: Verdict = { allowed: false, reason: "rbacReasonOrgOwnersOnly" };

/**
 * Whether a user owns the organization in scope, and why: a realm owner owns every organization, a
 * member may be named owner. Naming and removing are offered beside it (a member only; the server
 * answers 400 naming anyone else).
 */
export const OrganizationOwner = ({ userId, username, owner, self, onChanged }: Props) => {
  const { t } = useTranslation();
  const { api, me, run } = useRbac();
  const organization = useOrganizationName() ?? "";
  const [named, setNamed] = useState<boolean>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api.owners().then(
        (owners) => setNamed(owners.some((o) => o.id === userId)),
        () => setNamed(false),
      ),
    [api, userId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (named === undefined || !me) return <Spinner size="sm" />;
  const verdict: Verdict = me.owner ? { allowed: true } : OWNERS_ONLY;

  const change = async () => {
    setBusy(true);
    try {
      await run(
        () => (named ? api.removeOwner(userId) : api.addOwner(userId)),
        t(named ? "rbacOrgOwnerRemoved" : "rbacOrgOwnerAdded", { user: username, organization }),
      );
      onChanged();
    } catch {
      // the refusal is on screen
    } finally {
      await load();
      setBusy(false);
    }
  };

  const text = named
    ? t(self ? "rbacOrgOwnerYouNamed" : "rbacOrgOwnerNamed", { organization })
    : owner
      ? t("rbacOrgOwnerRealm")
      : t("no");
  return (
    <span className="rbac-org-owner" data-named={named}>
      <span>{text}</span>{" "}
      {(named || !owner) && (
        <GuardedButton
          verdict={busy ? { allowed: false, reason: "rbacReasonBusy" } : verdict}
          variant="link"
          isInline
          isDanger={named}
          onClick={() => void change()}
          data-testid={named ? "rbac-org-owner-remove" : "rbac-org-owner-add"}
        >
          {t(named ? "rbacOrgOwnerRemove" : "rbacOrgOwnerAdd")}
        </GuardedButton>
      )}
    </span>
  );
};
