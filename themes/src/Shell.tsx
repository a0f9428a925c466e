import {
  AdminClientProvider,
  AppContexts,
  ForbiddenSection,
  Header,
  PageBreadCrumbs,
  useAccess,
} from "@keycloak/keycloak-admin-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { PropsWithChildren, Suspense, useEffect, useState } from "react";
import { Outlet, useMatches } from "react-router-dom";
import { Nav } from "./Nav";

type Access = Parameters<ReturnType<typeof useAccess>["hasAccess"]>[0];

/** Shows a route only to those whose Keycloak access satisfies its handle, like the stock console. */
const AccessGate = ({ children }: PropsWithChildren) => {
  const { hasAccess } = useAccess();
  const needed = useMatches().flatMap(({ handle }) => {
    const access = (handle as { access?: Access | Access[] } | undefined)?.access;
    if (access === undefined) return [];
    return Array.isArray(access) ? access : [access];
  });
  if (!hasAccess(...needed)) {
    return <ForbiddenSection permissionNeeded={needed} />;
  }
  return <>{children}</>;
};

/** PatternFly's page breakpoint (xl): below it a managed sidebar starts closed and overlays the page. */
const PAGE_BREAKPOINT = 1200;

/**
 * Whether the menu is open, as PatternFly's managed sidebar (the stock console's `isManagedSidebar`)
 * decides it: open on wide screens, closed below 1200 px, each remembered separately when the admin
 * toggles it. The stock header's menu button belongs to the admin UI library's own copy of
 * PatternFly, whose page context this frame does not share; its clicks are followed here.
 */
function useSidebarToggle() {
  const narrowNow = () => window.innerWidth < PAGE_BREAKPOINT;
  const [narrow, setNarrow] = useState(narrowNow);
  const [wideOpen, setWideOpen] = useState(true);
  const [narrowOpen, setNarrowOpen] = useState(false);
  useEffect(() => {
    const onResize = () => setNarrow(narrowNow());
    const onClick = (event: MouseEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest("#nav-toggle")) return;
      if (narrowNow()) setNarrowOpen((o) => !o);
      else setWideOpen((o) => !o);
    };
    window.addEventListener("resize", onResize);
    document.addEventListener("click", onClick);
    return () => {
      window.removeEventListener("resize", onResize);
      document.removeEventListener("click", onClick);
    };
  }, []);
  return narrow ? narrowOpen : wideOpen;
}

/** The console's frame: the stock header, breadcrumbs and contexts, with a menu that adds Role hierarchy. */
export const Shell = () => {
  const open = useSidebarToggle();
  return (
    <AdminClientProvider>
      <AppContexts>
        <Page
          header={<Header />}
          sidebar={<Nav isOpen={open} />}
          breadcrumb={<PageBreadCrumbs />}
          mainContainerId="kc-main-content-page-container"
        >
          <Suspense fallback={<Spinner />}>
            <AccessGate>
              <Outlet />
            </AccessGate>
          </Suspense>
        </Page>
      </AppContexts>
    </AdminClientProvider>
  );
};
