import {
  Alert,
  Button,
  Divider,
  Label,
  LabelGroup,
  MenuToggle,
  PageSection,
  PageSectionVariants,
  Select,
  SelectGroup,
  SelectList,
  SelectOption,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { AccessTab } from "./AccessTab";
import { AdminRolesTab } from "./AdminRolesTab";
import { RbacProvider, useOrganizationName, useRbac } from "./context";
import { PermissionsTab } from "./PermissionsTab";
import { RBAC_TABS, RbacTab } from "./routes";
import { VisualRolesTab } from "./VisualRolesTab";

/** Who is signed in, as the extension sees them: the basis of every enabled or disabled control. */
const SignedInAs = () => {
  const { t } = useTranslation();
  const { me } = useRbac();
  const organization = useOrganizationName();
  if (!me) return null;
  const text = organization
    ? me.owner
      ? t("rbacMeOrganizationOwner", { username: me.username, organization })
      : t("rbacMeOrganization", { username: me.username, position: me.highestPosition, organization })
    : me.owner
      ? t("rbacMeOwner", { username: me.username })
      : t("rbacMe", { username: me.username, position: me.highestPosition });
  return (
    <div className="rbac-me" data-testid="rbac-me" data-owner={me.owner} data-highest={me.highestPosition}>
      <Text component="small">{text}</Text>{" "}
      {!me.owner && (
        <LabelGroup numLabels={12} categoryName={t("rbacYourPermissions")}>
          {[...me.permissions].sort().map((p) => (
            <Label key={p} isCompact>
              {p}
            </Label>
          ))}
        </LabelGroup>
      )}
    </div>
  );
};

/**
 * Where the admin works: the realm's ladder or one organization's, as Keycloak's console picks a
 * realm. The choice is a URL (the same tab in the other scope), so a reload or a link keeps it.
 */
const ScopeSelector = ({ tab }: { tab: RbacTab }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { realm } = useParams<{ realm: string }>();
  const { organizationId, organizations, sectionPath } = useRbac();
  const [open, setOpen] = useState(false);
  const name = useOrganizationName();
  // Organizations off, or none the admin may pick: the realm is the only scope, and nothing to choose.
  if (!organizationId && (!organizations || organizations.length === 0)) return null;
  const go = (scope?: string) => {
    setOpen(false);
    const keep = scope && RBAC_TABS.find((x) => x.key === tab && "realmOnly" in x) ? "roles" : tab;
    navigate(sectionPath(keep === "roles" ? undefined : keep, scope ?? null));
  };
  return (
    <div className="rbac-scope" data-testid="rbac-scope" data-scope={organizationId ?? "realm"}>
      <Text component="small" className="rbac-scope-label">
        {t("rbacScope")}
      </Text>
      <Select
        isOpen={open}
        selected={organizationId ?? "realm"}
        onSelect={(_e, value) => go(value === "realm" ? undefined : String(value))}
        onOpenChange={setOpen}
        toggle={(ref) => (
          <MenuToggle ref={ref} onClick={() => setOpen((o) => !o)} isExpanded={open} data-testid="rbac-scope-toggle">
            {name ?? t("rbacScopeRealm", { realm })}
          </MenuToggle>
        )}
        maxMenuHeight="24rem"
        isScrollable
        // The selector sits at the page's right edge: its menu opens leftwards, inside the window.
        popperProps={{ position: "right" }}
      >
        <SelectList>
          <SelectOption value="realm" description={t("rbacScopeRealmHelp")} data-testid="rbac-scope-option" data-scope="realm">
            {t("rbacScopeRealm", { realm })}
          </SelectOption>
        </SelectList>
        <Divider />
        <SelectGroup label={t("rbacScopeOrganizations")}>
          <SelectList>
            {(organizations ?? []).map((o) => (
              <SelectOption key={o.id} value={o.id} description={o.alias} data-testid="rbac-scope-option" data-scope={o.id} data-alias={o.alias}>
                {o.name}
              </SelectOption>
            ))}
          </SelectList>
        </SelectGroup>
      </Select>
    </div>
  );
};

/** A realm-only tab opened in an organization's scope (a link from elsewhere): why it is not here, and the way to it. */
const RealmOnly = ({ tab }: { tab: RbacTab }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { sectionPath } = useRbac();
  return (
    <Alert variant="info" isInline title={t("rbacVisualRealmOnly")} data-testid="rbac-realm-only">
      <Text>{t("rbacVisualRealmOnlyText")}</Text>
      <Button variant="link" isInline onClick={() => navigate(sectionPath(tab, null))} data-testid="rbac-open-in-realm">
        {t("rbacOpenInRealm")}
      </Button>
    </Alert>
  );
};

const Body = ({ tab }: { tab: RbacTab }) => {
  const { me, meError, organizationId } = useRbac();
  if (meError) {
    return (
      <Alert variant="danger" isInline title={meError} data-testid="rbac-me-error" />
    );
  }
  if (!me) return <Spinner />;
  switch (tab) {
    case "visual-roles":
      return organizationId ? <RealmOnly tab={tab} /> : <VisualRolesTab />;
    case "permissions":
      return <PermissionsTab />;
    case "access":
      return <AccessTab />;
    default:
      return <AdminRolesTab />;
  }
};

const Header = ({ tab }: { tab: RbacTab }) => {
  const { t } = useTranslation();
  const organization = useOrganizationName();
  return (
    <PageSection variant={PageSectionVariants.light} className="rbac-header">
      <div className="rbac-header-row">
        <TextContent>
          <Title headingLevel="h1" data-testid="rbac-title">
            {t("rbacSection")}
          </Title>
          <Text data-testid="rbac-section-help">
            {organization ? t("rbacScopeOrganizationHelp", { name: organization }) : t("rbacSectionHelp")}
          </Text>
        </TextContent>
        <ScopeSelector tab={tab} />
      </div>
      <SignedInAs />
    </PageSection>
  );
};

const ScopedTabs = ({ active }: { active: RbacTab }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { organizationId, sectionPath } = useRbac();
  return (
    <Tabs
      activeKey={active}
      onSelect={(_e, key) => navigate(sectionPath(String(key)))}
      className="rbac-tabs"
      inset={{ default: "insetSm" }}
    >
      {RBAC_TABS.filter((x) => !(organizationId && "realmOnly" in x && x.key !== active)).map((x) => (
        <Tab key={x.key} eventKey={x.key} title={<TabTitleText>{t(x.title)}</TabTitleText>} data-testid={`rbac-tab-${x.key}`} />
      ))}
    </Tabs>
  );
};

export const RoleHierarchySection = () => {
  const { tab, userId, orgId } = useParams<{ realm: string; tab?: string; userId?: string; orgId?: string }>();
  const active: RbacTab = userId ? "access" : ((RBAC_TABS.find((x) => x.key === tab)?.key ?? "roles") as RbacTab);

  // One provider per scope: switching scope starts every tab afresh on the other ladder.
  return (
    <RbacProvider key={orgId ?? ""} organizationId={orgId}>
      <Header tab={active} />
      <PageSection variant={PageSectionVariants.light} padding={{ default: "noPadding" }}>
        <ScopedTabs active={active} />
      </PageSection>
      <PageSection variant={PageSectionVariants.light}>
        <Body tab={active} />
      </PageSection>
    </RbacProvider>
  );
};
