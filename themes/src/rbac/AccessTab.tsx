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
  LabelGroup,
  SearchInput,
  Spinner,
  Text,
  Title,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Access, AdminRole, describe, Member, VisualRole } from "./api";
import { useRbac } from "./context";
import { displayName } from "./MembersModal";
import { ModerationPanel } from "./Moderation";
import { canReadOthers } from "./rules";
import { RoleBadge, useReason } from "./widgets";

type Subject = { id: string; username: string };
type Result = { userId: string; access: Access; roles: AdminRole[]; visualRoles: VisualRole[] };

/** Effective access: a user's admin roles, highest position and effective permissions, as the server computes them. */
export const AccessTab = () => {
  const { t } = useTranslation();
  const reason = useReason();
  const { api, me } = useRbac();
  const [subject, setSubject] = useState<Subject>();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Member[]>();
  const [searchError, setSearchError] = useState<string>();
  const [version, setVersion] = useState(0);
  // Picking a user again reads everything about them again, moderation included.
  const [picks, setPicks] = useState(0);

  useEffect(() => {
    if (me && !subject) setSubject({ id: me.userId, username: me.username });
  }, [me, subject]);

  useEffect(() => {
    if (!subject) return;
    let live = true;
    setError(undefined);
    Promise.all([api.userAccess(subject.id), api.userRoles(subject.id), api.userVisualRoles(subject.id)]).then(
      ([access, roles, visualRoles]) => live && setResult({ userId: subject.id, access, roles, visualRoles }),
      (e) => live && setError(describe(e)),
    );
    return () => {
      live = false;
    };
  }, [api, subject, version]);

  if (!me) return <Spinner />;
  const readOthers = canReadOthers(me);

  const search = async (text: string) => {
    setSearchError(undefined);
    try {
      setFound(await api.searchUsers(text));
    } catch (e) {
      setFound([]);
      setSearchError(describe(e));
    }
  };

  // The answer shown is the chosen user's (a refresh after a moderation action keeps it on screen meanwhile).
  const shown = result && !error && result.userId === subject?.id ? result : undefined;

  return (
    <div className="rbac-access">
      <div className="rbac-access-picker">
        <Title headingLevel="h2" size="md">
          {t("rbacPickUser")}
        </Title>
        {!readOthers.allowed && <Text component="small" data-testid="rbac-read-others-locked">{reason(readOthers)}</Text>}
        <SearchInput
          placeholder={t("rbacSearchUsers")}
          value={query}
          onChange={(_e, v) => setQuery(v)}
          onSearch={(_e, v) => void search(v)}
          onClear={() => {
            setQuery("");
            setFound(undefined);
          }}
          data-testid="rbac-access-search"
        />
        {searchError && <Alert variant="warning" isInline title={searchError} />}
        {found && found.length === 0 && !searchError && <Text component="small">{t("rbacNoUsersFound")}</Text>}
        {found && found.length > 0 && (
          <DataList
            aria-label={t("rbacSearchResults")}
            isCompact
            selectedDataListItemId={subject ? `pick-${subject.id}` : ""}
            onSelectDataListItem={(_e, id) => {
              const user = found.find((u) => `pick-${u.id}` === id);
              if (user) {
                setSubject({ id: user.id, username: user.username });
                setPicks((n) => n + 1);
              }
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
      </div>
      <div className="rbac-access-result" data-testid="rbac-access-result" data-username={subject?.username}>
        <Title headingLevel="h2" size="lg">
          {t("rbacAccessOf", { username: subject?.username ?? "" })}
        </Title>
        {error && <Alert variant="danger" isInline title={error} data-testid="rbac-access-error" />}
        {!shown && !error && <Spinner size="md" />}
        {shown && subject && (
          <ModerationPanel
            key={`${subject.id}:${picks}`}
            user={subject}
            onChanged={() => setVersion((v) => v + 1)}
          />
        )}
        {shown && (
          <DescriptionList isHorizontal>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("rbacOwner")}</DescriptionListTerm>
              <DescriptionListDescription data-testid="rbac-access-owner">
                {shown.access.owner ? t("rbacOwnerYes") : t("no")}
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
                {shown.access.permissions.length === 0 ? (
                  <Text component="small">{t("rbacNoPermissions")}</Text>
                ) : (
                  <LabelGroup numLabels={50}>
                    {[...shown.access.permissions].sort().map((p) => (
                      <Label key={p} color="blue" data-permission={p}>
                        {p}
                      </Label>
                    ))}
                  </LabelGroup>
                )}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
        )}
      </div>
    </div>
  );
};
