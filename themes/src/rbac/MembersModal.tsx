import {
  Alert,
  Button,
  DataList,
  DataListAction,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  Modal,
  ModalVariant,
  Spinner,
  Text,
  Title,
} from "@patternfly/react-core";
import { PropsWithChildren, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdminRole, describe, Member, VisualRole } from "./api";
import { useOrganizationName, useRbac } from "./context";
import { ListToolbar, matchesText, useListView } from "./ListToolbar";
import { ModerationButtons, ModerationStatus, useModeration } from "./Moderation";
import type { Verdict } from "./rules";
import { UserSearchBox, UserSearchMore, useUserSearch } from "./UserSearch";
import { ConfirmDialog, GuardedButton, RoleBadge } from "./widgets";

type Props = {
  kind: "role" | "visual";
  role: AdminRole | VisualRole;
  verdict: Verdict;
  onClose: () => void;
};

export const displayName = (m: Member) => {
  const full = [m.firstName, m.lastName].filter(Boolean).join(" ");
  return full ? `${m.username} (${full})` : m.username;
};

/** A member matches a search in username, first name, last name or email. */
const memberMatches = (m: Member, search: string) => matchesText(search, m.username, m.firstName, m.lastName, m.email);

/**
 * One member: their name with the moderation labels ("Disabled", "Timed out until …") and, when the
 * rule refuses, why; then the moderation buttons and the row's own action (Remove).
 */
const MemberRow = ({ member, children }: PropsWithChildren<{ member: Member }>) => {
  const { t } = useTranslation();
  const moderation = useModeration(member);
  return (
    <DataListItem data-username={member.username}>
      <DataListItemRow>
        <DataListItemCells
          dataListCells={[
            <DataListCell key="n">
              <div>{displayName(member)}</div>
              <ModerationStatus moderation={moderation} />
            </DataListCell>,
          ]}
        />
        <DataListAction aria-label={t("rbacActions")} aria-labelledby="" id={`rm-${member.id}`} className="rbac-member-actions">
          <ModerationButtons moderation={moderation} />
          {children}
        </DataListAction>
      </DataListItemRow>
    </DataListItem>
  );
};

/**
 * Members of a role: search the realm's users with Keycloak's own search, add and remove; moderate
 * each member (design §9) under the server's rule.
 */
export const MembersModal = ({ kind, role, verdict, onClose }: Props) => {
  const { t } = useTranslation();
  const { api, run, notify } = useRbac();
  const organization = useOrganizationName();
  const [members, setMembers] = useState<Member[]>();
  const [membersError, setMembersError] = useState<string>();
  const search = useUserSearch();
  const results = search.results;
  const view = useListView(members, memberMatches);
  const [removing, setRemoving] = useState<Member>();

  const load = useCallback(async () => {
    try {
      setMembers(kind === "role" ? await api.roleMembers(role.id) : await api.visualRoleMembers(role.id));
      setMembersError(undefined);
    } catch (e) {
      setMembers([]);
      setMembersError(describe(e));
    }
  }, [api, kind, role.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (user: Member) => {
    try {
      await run(
        () => (kind === "role" ? api.assignRole(user.id, role.id) : api.assignVisualRole(user.id, role.id)),
        t("rbacMemberAdded", { user: user.username, name: role.name }),
      );
    } catch {
      /* shown */
    }
    await load();
  };

  // After the dialog's confirm: removed (the dialog closes) or refused (it stays open with the reason).
  const remove = async (user: Member) => {
    try {
      await (kind === "role" ? api.unassignRole(user.id, role.id) : api.unassignVisualRole(user.id, role.id));
    } catch (e) {
      void load();
      throw e;
    }
    notify("success", t("rbacMemberRemoved", { user: user.username, name: role.name }));
    setRemoving(undefined);
    await load();
  };

  const permissions = kind === "role" ? [...(role as AdminRole).permissions].sort() : [];

  const isMember = (user: Member) => members?.some((m) => m.id === user.id) ?? false;

  return (
    <Modal
      variant={ModalVariant.large}
      isOpen
      onClose={onClose}
      title={t("rbacMembersTitle", { name: role.name })}
      data-testid="rbac-members-modal"
      actions={[
        <Button key="close" variant="primary" onClick={onClose} data-testid="rbac-members-close">
          {t("close")}
        </Button>,
      ]}
    >
      <div className="rbac-preview">
        <RoleBadge name={role.name} color={role.color} icon={role.icon} />
      </div>
      <Title headingLevel="h3" size="md">
        {t("rbacCurrentMembers")}
      </Title>
      {membersError && <Alert variant="warning" isInline title={membersError} />}
      {!members ? (
        <Spinner size="md" />
      ) : members.length === 0 ? (
        <Text component="small" data-testid="rbac-no-members">{t("rbacNoMembers")}</Text>
      ) : (
        <ListToolbar view={view} name="rbac-members" placeholder={t("rbacFilterMembers")} onRefresh={() => void load()}>
        <DataList aria-label={t("rbacCurrentMembers")} isCompact data-testid="rbac-member-list">
          {view.shown.map((m) => (
            <MemberRow key={m.id} member={m}>
              <GuardedButton verdict={verdict} variant="link" isDanger onClick={() => setRemoving(m)} data-testid="rbac-member-remove">
                {t("rbacRemove")}
              </GuardedButton>
            </MemberRow>
          ))}
        </DataList>
        </ListToolbar>
      )}
      <Title headingLevel="h3" size="md" className="rbac-spaced">
        {t("rbacAddMembers")}
      </Title>
      {organization && kind === "role" && (
        <Text component="small" data-testid="rbac-members-only">
          {t("rbacOrganizationMembersOnly", { organization })}
        </Text>
      )}
      <UserSearchBox search={search} testId="rbac-user-search" />
      {removing && (
        <ConfirmDialog
          kind="remove-member"
          title={t("rbacRemoveMemberTitle")}
          confirmLabel={t("rbacRemove")}
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(undefined)}
        >
          {kind === "visual"
            ? t("rbacRemoveVisualMemberText", { user: removing.username, name: role.name })
            : permissions.length === 0
              ? t("rbacRemoveMemberTextNone", { user: removing.username, name: role.name })
              : t("rbacRemoveMemberText", { user: removing.username, name: role.name, permissions: permissions.join(", ") })}
        </ConfirmDialog>
      )}
      {results && results.length > 0 && (
        <DataList aria-label={t("rbacSearchResults")} isCompact data-testid="rbac-search-results">
          {results.map((u) => (
            <DataListItem key={u.id} data-username={u.username}>
              <DataListItemRow>
                <DataListItemCells dataListCells={[<DataListCell key="n">{displayName(u)}</DataListCell>]} />
                <DataListAction aria-label={t("rbacActions")} aria-labelledby="" id={`add-${u.id}`}>
                  {isMember(u) ? (
                    <Text component="small">{t("rbacAlreadyMember")}</Text>
                  ) : (
                    <GuardedButton verdict={verdict} variant="secondary" onClick={() => void add(u)} data-testid="rbac-member-add">
                      {t("rbacAdd")}
                    </GuardedButton>
                  )}
                </DataListAction>
              </DataListItemRow>
            </DataListItem>
          ))}
        </DataList>
      )}
      <UserSearchMore search={search} />
    </Modal>
  );
};
