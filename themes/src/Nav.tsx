import {
  routes,
  useAccess,
  useEnvironment,
  useRealm,
  useServerInfo,
} from "@keycloak/keycloak-admin-ui";
import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import {
  Label,
  Nav as PfNav,
  NavGroup,
  PageSidebar,
  PageSidebarBody,
} from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";

/** The route path without its parameters: "/:realm/clients/:tab?" becomes "clients". */
const staticPart = (path: string) =>
  path
    .split("/")
    .filter((segment) => segment !== "" && !segment.startsWith(":"))
    .join("/");

type ItemProps = { title: string; path: string; testId?: string };

/** A menu entry for one of the console's pages, shown when the signed-in admin may open it. */
const Item = ({ title, path, testId }: ItemProps) => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const route = routes.find((r) => staticPart(r.path) === staticPart(path));
  if (route) {
    const access = route.handle.access;
    if (!(Array.isArray(access) ? hasAccess(...access) : hasAccess(access))) {
      return null;
    }
  }
  const id = testId ?? "nav-item" + path.replace(/\//g, "-");
  return (
    <li>
      <NavLink
        id={id}
        data-testid={id}
        to={`/${encodeURIComponent(realm)}${path}`}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
      >
        {t(title)}
      </NavLink>
    </li>
  );
};

/**
 * The realm menu. Keycloak 26.7's own menu has no extension point for a section of this kind, so the
 * theme draws the menu itself: the stock entries under the same conditions (Keycloak access, feature
 * flags, realm settings) plus one entry, Role hierarchy, after Realm roles (or alone, for an admin
 * without the Manage group). Like Keycloak's own sections with tabs, the entry opens the section and
 * its tabs are links of their own (#/{realm}/role-hierarchy/{tab}).
 */
export const Nav = ({ isOpen = true }: { isOpen?: boolean }) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AdminEnvironment>();
  const { hasSomeAccess } = useAccess();
  const { realm, realmRepresentation } = useRealm();
  const { features } = useServerInfo();
  const enabled = (name: string) =>
    features?.some((feature) => feature.name === name && feature.enabled) ?? false;

  const showManage = hasSomeAccess(
    "view-realm",
    "query-groups",
    "query-users",
    "query-clients",
    "query-organizations",
    "view-events",
  );
  const showConfigure = hasSomeAccess("view-realm", "query-clients", "view-identity-providers");

  return (
    <PageSidebar className="keycloak__page_nav__nav" isSidebarOpen={isOpen}>
      <PageSidebarBody>
        <PfNav>
          <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
            <span data-testid="currentRealm">{realmRepresentation?.displayName || realm}</span>{" "}
            <Label color="blue">{t("currentRealm")}</Label>
          </h2>
          {environment.masterRealm === environment.realm && (
            <NavGroup aria-label={t("manageRealms")}>
              <Item title="manageRealms" path="/realms" />
            </NavGroup>
          )}
          {showManage && (
            <NavGroup aria-label={t("manage")} title={t("manage")}>
              {enabled("ORGANIZATION") && realmRepresentation?.organizationsEnabled && (
                <Item title="organizations" path="/organizations" />
              )}
              <Item title="clients" path="/clients" />
              <Item title="clientScopes" path="/client-scopes" />
              <Item title="realmRoles" path="/roles" />
              <Item title="rbacSection" path="/role-hierarchy" />
              <Item title="users" path="/users" />
              <Item title="groups" path="/groups" />
              <Item title="sessions" path="/sessions" />
              <Item title="events" path="/events" />
            </NavGroup>
          )}
          {showConfigure && (
            <NavGroup aria-label={t("configure")} title={t("configure")}>
              <Item title="realmSettings" path="/realm-settings" />
              <Item title="authentication" path="/authentication" />
              {enabled("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation?.adminPermissionsEnabled && (
                <Item title="permissions" path="/permissions" />
              )}
              <Item title="identityProviders" path="/identity-providers" />
              <Item title="userFederation" path="/user-federation" />
              {enabled("WORKFLOWS") && hasSomeAccess("realm-admin", "admin") && (
                <Item title="workflows" path="/workflows" />
              )}
            </NavGroup>
          )}
          {!showManage && (
            <NavGroup aria-label={t("rbacSection")} id="nav-group-rbac">
              <Item title="rbacSection" path="/role-hierarchy" />
            </NavGroup>
          )}
        </PfNav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
