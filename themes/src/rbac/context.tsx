import { AlertGroup, Alert, AlertActionCloseButton, AlertVariant } from "@patternfly/react-core";
import { useRealm } from "@keycloak/keycloak-admin-ui";
import { createContext, PropsWithChildren, useCallback, useContext, useEffect, useState } from "react";
import { describe, Me, Organization, RbacApi, useRbacApi } from "./api";

type Notice = { id: number; variant: AlertVariant; title: string };

type RbacContextValue = {
  /** The API on the ladder in scope: the realm's, or the organization's of the URL. */
  api: RbacApi;
  /** The signed-in admin's access in the ladder in scope (GET /me, or GET /organizations/{id}/me). */
  me?: Me;
  meError?: string;
  /**
   * The realm's own ladder, whatever the scope: the catalogue and moderation are the realm's, and
   * judged by the admin's access in the realm (the same objects as api and me in the realm's scope).
   */
  realmApi: RbacApi;
  realmMe?: Me;
  /** The organization in scope (undefined: the realm), its id from the URL. */
  organizationId?: string;
  /** The organizations the admin may pick (GET /organizations); undefined while loading. */
  organizations?: Organization[];
  /** A path of the section in this scope: #/{realm}/role-hierarchy[/organizations/{id}][/{rest}]. */
  sectionPath: (rest?: string, organizationId?: string | null) => string;
  refreshMe: () => void;
  notify: (variant: "success" | "danger" | "info", title: string) => void;
  /** Runs a change; on failure shows the server's error_description and rethrows. */
  run: <T>(change: () => Promise<T>, success?: string) => Promise<T>;
};

const RbacContext = createContext<RbacContextValue | undefined>(undefined);

export const useRbac = () => {
  const value = useContext(RbacContext);
  if (!value) throw new Error("useRbac outside RbacProvider");
  return value;
};

/** The name of the organization in scope (its id until the list has it), or undefined in the realm's scope. */
export function useOrganizationName() {
  const { organizationId, organizations } = useRbac();
  if (!organizationId) return undefined;
  return organizations?.find((o) => o.id === organizationId)?.name ?? organizationId;
}

let nextId = 1;

/** The section's path in a scope: the realm's ladder, or an organization's (the scope lives in the URL). */
export const sectionPathOf = (realm: string, organizationId?: string, rest?: string) =>
  `/${encodeURIComponent(realm)}/role-hierarchy` +
  (organizationId ? `/organizations/${encodeURIComponent(organizationId)}` : "") +
  (rest ? `/${rest}` : "");

export const RbacProvider = ({ organizationId, children }: PropsWithChildren<{ organizationId?: string }>) => {
  const { realm } = useRealm();
  const realmApi = useRbacApi();
  const scopedApi = useRbacApi(organizationId);
  const api = organizationId ? scopedApi : realmApi;
  const [me, setMe] = useState<Me>();
  const [meError, setMeError] = useState<string>();
  const [realmMe, setRealmMe] = useState<Me>();
  const [organizations, setOrganizations] = useState<Organization[]>();
  const [version, setVersion] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let live = true;
    // No reset of `me` here: refreshMe runs after every change, and clearing it would unmount the tabs
    // (their page, focus and announcements) behind the spinner. A new scope is a new provider (keyed).
    // In an organization the realm's /me is read too (catalogue, moderation); in the realm it is the same answer.
    Promise.all([api.me(), organizationId ? realmApi.me() : undefined]).then(
      ([value, realmValue]) => live && (setMe(value), setRealmMe(realmValue ?? value), setMeError(undefined)),
      (error) => live && setMeError(describe(error)),
    );
    return () => {
      live = false;
    };
  }, [api, realmApi, organizationId, version]);

  useEffect(() => {
    let live = true;
    realmApi.organizations().then(
      (value) => live && setOrganizations(value),
      () => live && setOrganizations([]),
    );
    return () => {
      live = false;
    };
  }, [realmApi]);

  const sectionPath = useCallback(
    (rest?: string, scope?: string | null) => sectionPathOf(realm, scope === undefined ? organizationId : (scope ?? undefined), rest),
    [realm, organizationId],
  );

  const notify = useCallback((variant: "success" | "danger" | "info", title: string) => {
    const id = nextId++;
    setNotices((current) => [...current, { id, variant: variant as AlertVariant, title }]);
    setTimeout(() => setNotices((current) => current.filter((n) => n.id !== id)), variant === "danger" ? 12000 : 5000);
  }, []);

  const run = useCallback(
    async <T,>(change: () => Promise<T>, success?: string) => {
      try {
        const result = await change();
        if (success) notify("success", success);
        return result;
      } catch (error) {
        notify("danger", describe(error));
        throw error;
      }
    },
    [notify],
  );

  return (
    <RbacContext.Provider
      value={{
        api,
        me,
        meError,
        realmApi,
        realmMe,
        organizationId,
        organizations,
        sectionPath,
        refreshMe: () => setVersion((v) => v + 1),
        notify,
        run,
      }}
    >
      <AlertGroup isToast isLiveRegion data-testid="rbac-alerts">
        {notices.map((n) => (
          <Alert
            key={n.id}
            variant={n.variant}
            title={n.title}
            className="rbac-alert"
            data-variant={n.variant}
            actionClose={
              <AlertActionCloseButton onClose={() => setNotices((c) => c.filter((x) => x.id !== n.id))} />
            }
          />
        ))}
      </AlertGroup>
      {children}
    </RbacContext.Provider>
  );
};
