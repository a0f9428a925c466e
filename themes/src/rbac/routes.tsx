import type { TFunction } from "i18next";
import type { RouteObject } from "react-router-dom";
import { RoleHierarchySection } from "./RoleHierarchySection";

/**
 * The tabs of the Role hierarchy section (one menu entry opens the first), each a URL of its own:
 * #/{realm}/role-hierarchy/{key}, or #/{realm}/role-hierarchy/organizations/{orgId}/{key} in an
 * organization's scope, where the realm-only tabs are left out.
 */
export const RBAC_TABS = [
  { key: "roles", title: "rbacTabRoles" },
  { key: "visual-roles", title: "rbacTabVisualRoles", realmOnly: true },
  { key: "permissions", title: "rbacTabPermissions" },
  { key: "access", title: "rbacTabAccess" },
] as const;

export type RbacTab = (typeof RBAC_TABS)[number]["key"];

// Open to anyone signed in: the extension's API decides what each admin may see and do.
const handle = { access: "anyone", breadcrumb: (t: TFunction) => t("rbacSection") };

export const rbacRoutes: RouteObject[] = [
  { path: "/:realm/role-hierarchy", element: <RoleHierarchySection />, handle },
  { path: "/:realm/role-hierarchy/:tab", element: <RoleHierarchySection />, handle },
  // Effective access of one user: a deep link, and the browser's back button returns to the previous one.
  { path: "/:realm/role-hierarchy/access/:userId", element: <RoleHierarchySection />, handle },
  // The same in one organization's ladder (design §10): the scope is in the URL, so a reload or a shared link keeps it.
  { path: "/:realm/role-hierarchy/organizations/:orgId", element: <RoleHierarchySection />, handle },
  { path: "/:realm/role-hierarchy/organizations/:orgId/:tab", element: <RoleHierarchySection />, handle },
  { path: "/:realm/role-hierarchy/organizations/:orgId/access/:userId", element: <RoleHierarchySection />, handle },
];
