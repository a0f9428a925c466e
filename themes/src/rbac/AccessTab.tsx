import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  Spinner,
  Text,
  Title,
} from "@patternfly/react-core";
import { CrownIcon } from "@patternfly/react-icons";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { environment } from "../environment";
import { Access, AdminRole, describe, VisualRole } from "./api";
import { useOrganizationName, useRbac } from "./context";
import { displayName } from "./MembersModal";
import { ModerationPanel } from "./Moderation";
import { OrganizationOwner } from "./OrganizationOwner";
import { canReadOthers } from "./rules";
import { UserSearchBox, UserSearchMore, useUserSearch } from "./UserSearch";
import { RoleBadge, useReason } from "./widgets";

type Result = { userId: string; username: string; access: Access; roles: AdminRole[]; visualRoles: VisualRole[] };

/** What a picked user's page was opened with (their username, known from the search), so it shows at once. */
type PickState = { username?: string } | null;

/**
 * Which of the user's roles give each effective permission: their admin roles that hold it, highest
 * first, and @everyone. While a time-out holds only @everyone's count; an owner holds every permission
 * as an owner, whatever their roles.
 */
const grantedBy = (permission: string, result: Result, everyone?: AdminRole) => {
  const roles = result.access.timedOutUntil
    ? []
    : result.roles.filter((r) => r.permissions.includes(permission)).sort((a, b) => b.position - a.position);
  return everyone?.permissions.includes(permission) ? [...roles, everyone] : roles;
};

/**
 * Effective access: a user's admin roles, highest position and effective permissions, as the server
 * computes them, with the roles that give each permission. The chosen user is in the URL
 * (#/{realm}/role-hierarchy/access/{userId}); without one the view shows the signed-in admin's own
 * access from GET /me — or, for an admin signed in from another realm (the master realm's admin),
 * says what they are here: an owner, and no user of this realm.
 */
export const AccessTab = () => {
  const { t } = useTranslation();
  const reason = useReason();
  const navigate = useNavigate();
  const location = useLocation();
  const { userId } = useParams<{ userId?: string }>();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { api, me, organizationId, sectionPath } = useRbac();
  const organization = useOrganizationName();
  const [result, setResult] = useState<Result>();
  const [everyone, setEveryone] = useState<AdminRole>();
  const [error, setError] = useState<string>();
  const search = useUserSearch();
  const found = search.results;
  const [version, setVersion] = useState(0);

  // Whether the signed-in admin is a user of this realm (the master realm's admin is not: an owner from outside).
  const realmUser = environment.realm === realm;
  const subjectId = userId ?? (realmUser ? me?.userId : undefined);
  const self = !!me && subjectId === me.userId;
  const pickedName = (location.state as PickState)?.username;

  useEffect(() => {
    api.roles().then(
      (roles) => setEveryone(roles.find((r) => r.everyone)),
      () => setEveryone(undefined),
    );
  }, [api, version]);

  useEffect(() => {
    if (!me || !subjectId) return;
    let live = true;
    setError(undefined);
    if (self) {
      // Your own access as the server judges this very session (GET /me): the owner flag comes from your token.
      setResult({
        userId: me.userId,
        username: me.username,
        access: { permissions: me.permissions, highestPosition: me.highestPosition, owner: me.owner, timedOutUntil: me.timedOutUntil },
        roles: me.roles,
        visualRoles: me.visualRoles,
      });
      return;
    }
    Promise.all([
      api.userAccess(subjectId),
      api.userRoles(subjectId),
      api.userVisualRoles(subjectId),
      pickedName ? Promise.resolve(undefined) : api.keycloakUser(subjectId).catch(() => undefined),
    ]).then(
      ([access, roles, visualRoles, user]) =>
        live && setResult({ userId: subjectId, username: pickedName ?? user?.username ?? subjectId, access, roles, visualRoles }),
      (e) => live && setError(describe(e)),
    );
    return () => {
      live = false;
    };
    // location.key: picking the same user again reads everything again.
  }, [api, me, subjectId, self, pickedName, version, location.key]);

  if (!me) return <Spinner />;
  const readOthers = canReadOthers(me, hasAccess("view-users"));
  const base = sectionPath("access");

  // The answer shown is the chosen user's (a refresh after a moderation action keeps it on screen meanwhile).
  const shown = result && !error && result.userId === subjectId ? result : undefined;
  const username = shown?.username ?? pickedName ?? (self ? me.username : undefined);
  // The master realm's admin looking at their own access here: an owner, but no user of this realm.
  const outsider = !subjectId || (self && !realmUser);
  const openUser = hasAccess("query-users") || hasAccess("view-users");

  const permissions = (access: Access, rows: (p: string) => JSX.Element) =>
    access.permissions.length === 0 ? (
      <Text component="small">{t("rbacNoPermissions")}</Text>
    ) : (
      <table className="pf-v5-c-table pf-m-compact rbac-table rbac-granted" aria-label={t("rbacEffectivePermissions")}>
        <thead>
          <tr>
            <th>{t("rbacPermission")}</th>
            <th>{t("rbacGrantedBy")}</th>
          </tr>
        </thead>
        <tbody>{[...access.permissions].sort().map(rows)}</tbody>
      </table>
    );

  const ownerLabel = (
    <Label isCompact color="gold" icon={<CrownIcon />} data-testid="rbac-granted-owner">
      {t(organizationId ? "rbacGrantedByOrgOwner" : "rbacGrantedByOwner")}
    </Label>
  );
  const ownerTerm = organization ? t("rbacOrgOwner", { organization }) : t("rbacOwner");

  return (
    <div className="rbac-access">
      <div className="rbac-access-picker">
        <Title headingLevel="h2" size="md">
          {t("rbacPickUser")}
        </Title>
        {!readOthers.allowed && (
          <Text component="small" data-testid="rbac-read-others-locked">
            {t("rbacReadOthersLocked", { reason: reason(readOthers) })}
          </Text>
        )}
        <UserSearchBox search={search} testId="rbac-access-search" isDisabled={!readOthers.allowed} />
        {found && found.length > 0 && (
          <DataList
            aria-label={t("rbacSearchResults")}
            isCompact
            selectedDataListItemId={subjectId ? `pick-${subjectId}` : ""}
            onSelectDataListItem={(_e, id) => {
              const user = found.find((u) => `pick-${u.id}` === id);
              if (user) navigate(`${base}/${encodeURIComponent(user.id)}`, { state: { username: user.username } });
            }}
            data-testid="rbac-access-results"
          >
            {found.map((u) => (
              <DataListItem key={u.id} id={`pick-${u.id}`} data-username={u.username}>
                <DataListItemRow>
                  <DataListItemCells dataListCells={[<DataListCell key="n">{displayName(u)}</DataListCell>]} />
                </DataListItemRow>
              </DataListItem>
            ))}
          </DataList>
        )}
        <UserSearchMore search={search} />
        {userId && !self && (
          <Link to={base} className="pf-v5-c-button pf-m-link pf-m-inline" data-testid="rbac-access-mine">
            {t("rbacAccessMine")}
          </Link>
        )}
      </div>
      <div
        className="rbac-access-result"
        data-testid="rbac-access-result"
        data-username={outsider ? me.username : username}
        data-self={self || !subjectId}
      >
        {outsider ? (
          <>
            <Title headingLevel="h2" size="lg">
              {t("rbacAccessYours", { username: me.username })}
            </Title>
            <Text data-testid="rbac-access-outsider">
              {me.owner
                ? t("rbacAccessOutsiderOwner", { username: me.username, from: environment.realm, count: me.permissions.length })
                : t("rbacAccessOutsider", { username: me.username, from: environment.realm })}
            </Text>
            <DescriptionList isHorizontal className="rbac-spaced">
              <DescriptionListGroup>
                <DescriptionListTerm>{ownerTerm}</DescriptionListTerm>
                <DescriptionListDescription data-testid="rbac-access-owner" data-owner={me.owner}>
                  {me.owner ? t(organization ? "rbacOrgOwnerRealm" : "rbacOwnerYouYes") : t("no")}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("rbacEffectivePermissions")}</DescriptionListTerm>
                <DescriptionListDescription data-testid="rbac-access-permissions">
                  {permissions({ permissions: me.permissions, highestPosition: 0, owner: me.owner }, (p) => (
                    <tr key={p} data-permission={p} data-granted-by={me.owner ? "owner" : ""}>
                      <td>
                        <Label color="blue" isCompact>
                          {p}
                        </Label>
                      </td>
                      <td>{me.owner && ownerLabel}</td>
                    </tr>
                  ))}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </>
        ) : (
          <>
            <div className="rbac-access-heading">
              <Title headingLevel="h2" size="lg" data-testid="rbac-access-title">
                {self ? t("rbacAccessYours", { username: username ?? "" }) : t("rbacAccessOf", { username: username ?? "" })}
              </Title>
              {openUser && (
                <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(subjectId!)}/settings`} data-testid="rbac-access-user-link">
                  {t("rbacOpenUser")}
                </Link>
              )}
            </div>
            {error && <Alert variant="danger" isInline title={error} data-testid="rbac-access-error" />}
            {!shown && !error && <Spinner size="md" />}
            {shown && !self && (
              <ModerationPanel
                key={`${subjectId}:${location.key}`}
                user={{ id: shown.userId, username: shown.username }}
                onChanged={() => setVersion((v) => v + 1)}
              />
            )}
            {shown && (
              <DescriptionList isHorizontal>
                <DescriptionListGroup>
                  <DescriptionListTerm>{ownerTerm}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="rbac-access-owner" data-owner={shown.access.owner}>
                    {organizationId ? (
                      <OrganizationOwner
                        userId={shown.userId}
                        username={shown.username}
                        owner={shown.access.owner}
                        self={self}
                        onChanged={() => setVersion((v) => v + 1)}
                      />
                    ) : shown.access.owner ? (
                      t(self ? "rbacOwnerYouYes" : "rbacOwnerYes")
                    ) : (
                      t("no")
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("rbacHighestPosition")}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="rbac-access-highest">{shown.access.highestPosition}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("rbacTabRoles")}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="rbac-access-roles">
                    {shown.roles.length === 0 ? (
                      <Text component="small">{t("rbacOnlyEveryone")}</Text>
                    ) : (
                      <div className="rbac-badges">
                        {[...shown.roles]
                          .sort((a, b) => b.position - a.position)
                          .map((r) => (
                            <RoleBadge key={r.id} name={r.name} color={r.color} icon={r.icon} />
                          ))}
                      </div>
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("rbacTabVisualRoles")}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="rbac-access-visual-roles">
                    {shown.visualRoles.length === 0 ? (
                      <Text component="small">–</Text>
                    ) : (
                      <div className="rbac-badges">
                        {shown.visualRoles.map((r) => (
                          <RoleBadge key={r.id} name={r.name} color={r.color} icon={r.icon} />
                        ))}
                      </div>
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("rbacEffectivePermissions")}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="rbac-access-permissions">
                    {shown.access.timedOutUntil && (
                      <Text component="small" data-testid="rbac-access-timed-out-note">
                        {t("rbacAccessTimedOutNote")}
                      </Text>
                    )}
                    {permissions(shown.access, (p) => {
                      const roles = grantedBy(p, shown, everyone);
                      return (
                        <tr
                          key={p}
                          data-permission={p}
                          data-granted-by={[...(shown.access.owner ? ["owner"] : []), ...roles.map((r) => r.name)].join(",")}
                        >
                          <td>
                            <Label color="blue" isCompact>
                              {p}
                            </Label>
                          </td>
                          <td>
                            <div className="rbac-badges">
                              {shown.access.owner && ownerLabel}
                              {roles.map((r) => (
                                <RoleBadge key={r.id} name={r.name} color={r.color} icon={r.icon} />
                              ))}
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            )}
          </>
        )}
      </div>
    </div>
  );
};
