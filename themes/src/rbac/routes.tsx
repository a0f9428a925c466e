import type { TFunction } from "i18next";
import type { RouteObject } from "react-router-dom";
import { RoleHierarchySection } from "./RoleHierarchySection";

/** The tabs of the Role hierarchy section (one menu entry opens the first), each a URL of its own: #/{realm}/role-hierarchy/{key}. */
export const RBAC_TABS = [
  { key: "roles", title: "rbacTabRoles" },
  { key: "visual-roles", title: "rbacTabVisualRoles" },
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
];
