import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./stock-app.css";
import "./rbac/rbac.css";

import { KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { rbacRoutes } from "./rbac/routes";
import { Shell } from "./Shell";

await i18n.init();

// The stock console's routes, with the Role hierarchy pages before the catch-all "not found" route.
const stock = routes.filter((route) => route.path !== "*");
const notFound = routes.filter((route) => route.path === "*");

const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <Shell />
      </KeycloakProvider>
    ),
    children: [...stock, ...rbacRoutes, ...notFound],
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
