import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import type UserRepresentation from "@keycloak/keycloak-admin-client/lib/defs/userRepresentation";
import { useMemo } from "react";
import { environment } from "../environment";

import type {
  AccessRep,
  DecisionRep,
  Error as ErrorBody,
  KeycloakError,
  MeRep,
  OrganizationRep,
  PermissionCreate,
  PermissionRep,
  PermissionUpdate,
  ReasonInput,
  ReorderRequest,
  RoleCreate,
  RoleRep,
  RoleUpdate,
  TimeoutInput,
  TimeoutRep,
  UserRep,
  VisualRoleCreate,
  VisualRoleRep,
  VisualRoleUpdate,
} from "../generated/openapi";

// The API's shapes are generated from docs/openapi.yaml (openapi-types.mjs); these are the console's names for them.
export type Permission = PermissionRep;
export type AdminRole = RoleRep;
export type VisualRole = VisualRoleRep;
export type Member = UserRep;
export type Access = AccessRep;
export type Me = MeRep;
export type Decision = DecisionRep;
export type Organization = OrganizationRep;
export type TimeoutAnswer = TimeoutRep;
/** A user as Keycloak's own admin API answers GET /users/{id} (its enabled flag is what moderation needs). */
export type KeycloakUser = UserRepresentation;
export type { ReorderRequest };

/** A refusal or failure of the extension's API, carrying its JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly field?: string,
  ) {
    super(description);
  }
}

/**
 * The extension's REST API for the realm shown in the console, called with the console's own token,
 * working on one ladder: the realm's, or one organization's (design §10). The ladder's calls (roles,
 * a user's roles and access, /me, owners) go under /rbac/organizations/{id} then; the catalogue,
 * visual roles and moderation are the realm's in every scope.
 */
export type RbacApi = ReturnType<typeof createApi>;

function createApi(realm: string, token: () => Promise<string | undefined>, organizationId?: string) {
  const root = `${environment.adminBaseUrl.replace(/\/+$/, "")}/admin/realms/${encodeURIComponent(realm)}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(root + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      // The extension's error body, or Keycloak's own (which some endpoints answer with errorMessage).
      const e = (json ?? {}) as Partial<Record<keyof ErrorBody | keyof KeycloakError | "errorMessage", string>>;
      throw new ApiError(
        response.status,
        e.error ?? `http_${response.status}`,
        e.error_description ?? e.errorMessage ?? e.error ?? `${response.status} ${response.statusText}`,
        e.field,
      );
    }
    return json as T;
  }

  const id = encodeURIComponent;
  const rbac = (path: string) => `/rbac${path}`;
  // The one scoping point: every call of the ladder goes through it.
  const ladder = organizationId ? (path: string) => rbac(`/organizations/${id(organizationId)}${path}`) : rbac;

  return {
    organizationId,
    me: () => call<Me>("GET", ladder("/me")),
    /** The organizations whose ladder the caller may pick (the first 1000, by name). */
    organizations: () => call<Organization[]>("GET", rbac("/organizations?first=0&max=1000")),
    owners: () => call<Member[]>("GET", ladder("/owners")),
    addOwner: (uid: string) => call<void>("PUT", ladder(`/owners/${id(uid)}`), {}),
    removeOwner: (uid: string) => call<void>("DELETE", ladder(`/owners/${id(uid)}`)),
    permissions: () => call<Permission[]>("GET", rbac("/permissions")),
    createPermission: (p: PermissionCreate) => call<Permission>("POST", rbac("/permissions"), p),
    updatePermission: (pid: string, p: PermissionUpdate) => call<Permission>("PUT", rbac(`/permissions/${id(pid)}`), p),
    deletePermission: (pid: string) => call<void>("DELETE", rbac(`/permissions/${id(pid)}`)),

    roles: () => call<AdminRole[]>("GET", ladder("/roles")),
    createRole: (r: RoleCreate) => call<AdminRole>("POST", ladder("/roles"), r),
    updateRole: (rid: string, r: RoleUpdate) => call<AdminRole>("PUT", ladder(`/roles/${id(rid)}`), r),
    deleteRole: (rid: string) => call<void>("DELETE", ladder(`/roles/${id(rid)}`)),
    reorder: (moves: ReorderRequest) => call<unknown>("PUT", ladder("/roles/positions"), moves),
    roleMembers: (rid: string) => everyPage((first, max) => call<Member[]>("GET", ladder(`/roles/${id(rid)}/users?first=${first}&max=${max}`))),

    visualRoles: () => call<VisualRole[]>("GET", rbac("/visual-roles")),
    createVisualRole: (r: VisualRoleCreate) => call<VisualRole>("POST", rbac("/visual-roles"), r),
    updateVisualRole: (vid: string, r: VisualRoleUpdate) => call<VisualRole>("PUT", rbac(`/visual-roles/${id(vid)}`), r),
    deleteVisualRole: (vid: string) => call<void>("DELETE", rbac(`/visual-roles/${id(vid)}`)),
    visualRoleMembers: (vid: string) =>
      everyPage((first, max) => call<Member[]>("GET", rbac(`/visual-roles/${id(vid)}/users?first=${first}&max=${max}`))),

    userRoles: (uid: string) => call<AdminRole[]>("GET", ladder(`/users/${id(uid)}/roles`)),
    assignRole: (uid: string, rid: string) => call<void>("PUT", ladder(`/users/${id(uid)}/roles/${id(rid)}`), {}),
    unassignRole: (uid: string, rid: string) => call<void>("DELETE", ladder(`/users/${id(uid)}/roles/${id(rid)}`)),
    userVisualRoles: (uid: string) => call<VisualRole[]>("GET", rbac(`/users/${id(uid)}/visual-roles`)),
    assignVisualRole: (uid: string, vid: string) =>
      call<void>("PUT", rbac(`/users/${id(uid)}/visual-roles/${id(vid)}`), {}),
    unassignVisualRole: (uid: string, vid: string) =>
      call<void>("DELETE", rbac(`/users/${id(uid)}/visual-roles/${id(vid)}`)),
    userAccess: (uid: string) => call<Access>("GET", ladder(`/users/${id(uid)}/permissions`)),
    /** The server's rule for managing a user (design §9), asked for the caller: 200 with allowed true or false. */
    canManageUser: (uid: string, target: string) =>
      call<Decision>("GET", ladder(`/users/${id(uid)}/can-manage/users/${id(target)}`)),

    // Moderation (tag "moderation"): a reason left empty sends no body, which the server reads as no reason.
    disableUser: (uid: string, reason?: string) => call<void>("POST", rbac(`/users/${id(uid)}/disable`), reasonBody(reason)),
    enableUser: (uid: string, reason?: string) => call<void>("POST", rbac(`/users/${id(uid)}/enable`), reasonBody(reason)),
    logoutUser: (uid: string, reason?: string) => call<void>("POST", rbac(`/users/${id(uid)}/logout`), reasonBody(reason)),
    timeOutUser: (uid: string, input: TimeoutInput) => call<TimeoutAnswer>("PUT", rbac(`/users/${id(uid)}/timeout`), input),
    endTimeout: (uid: string) => call<void>("DELETE", rbac(`/users/${id(uid)}/timeout`)),

    /** Keycloak's own user representation (needs view-users or query-users plus the user's view). */
    keycloakUser: (uid: string) => call<KeycloakUser>("GET", `/users/${id(uid)}`),

    /** Keycloak's own user search (needs query-users or view-users), one page (first, max); its brief users have UserRep's fields. */
    searchUsers: (search: string, first: number, max: number) =>
      call<Member[]>("GET", `/users?briefRepresentation=true&first=${first}&max=${max}&search=${encodeURIComponent(search)}`),
  };
}

/** The API pages members by at most 1000 (first, max): read page after page until a short one, so no member is cut off. */
const MEMBERS_PAGE = 1000;
async function everyPage<T>(page: (first: number, max: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const next = await page(all.length, MEMBERS_PAGE);
    all.push(...next);
    if (next.length < MEMBERS_PAGE) return all;
  }
}

function reasonBody(reason?: string): ReasonInput | undefined {
  const text = reason?.trim();
  return text ? { reason: text } : undefined;
}

/** The API on the realm's ladder, or on one organization's when its id is given. */
export function useRbacApi(organizationId?: string): RbacApi {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  return useMemo(() => createApi(realm, () => adminClient.getAccessToken(), organizationId), [adminClient, realm, organizationId]);
}

/** The sentence to show for any failure: the server's error_description when it sent one. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.description;
  if (error instanceof Error) return error.message;
  return String(error);
}
