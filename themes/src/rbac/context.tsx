import { AlertGroup, Alert, AlertActionCloseButton, AlertVariant } from "@patternfly/react-core";
import { createContext, PropsWithChildren, useCallback, useContext, useEffect, useState } from "react";
import { describe, Me, RbacApi, useRbacApi } from "./api";

type Notice = { id: number; variant: AlertVariant; title: string };

type RbacContextValue = {
  api: RbacApi;
  me?: Me;
  meError?: string;
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

let nextId = 1;

export const RbacProvider = ({ children }: PropsWithChildren) => {
  const api = useRbacApi();
  const [me, setMe] = useState<Me>();
  const [meError, setMeError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let live = true;
    api.me().then(
      (value) => live && (setMe(value), setMeError(undefined)),
      (error) => live && setMeError(describe(error)),
    );
    return () => {
      live = false;
    };
  }, [api, version]);

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
    <RbacContext.Provider value={{ api, me, meError, refreshMe: () => setVersion((v) => v + 1), notify, run }}>
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
