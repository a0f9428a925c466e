import {
  Alert,
  Label,
  LabelGroup,
  PageSection,
  PageSectionVariants,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { AccessTab } from "./AccessTab";
import { AdminRolesTab } from "./AdminRolesTab";
import { RbacProvider, useRbac } from "./context";
import { PermissionsTab } from "./PermissionsTab";
import { RBAC_TABS, RbacTab } from "./routes";
import { VisualRolesTab } from "./VisualRolesTab";

/** Who is signed in, as the extension sees them: the basis of every enabled or disabled control. */
const SignedInAs = () => {
  const { t } = useTranslation();
  const { me } = useRbac();
  if (!me) return null;
  return (
    <div className="rbac-me" data-testid="rbac-me" data-owner={me.owner} data-highest={me.highestPosition}>
      <Text component="small">
        {me.owner
          ? t("rbacMeOwner", { username: me.username })
          : t("rbacMe", { username: me.username, position: me.highestPosition })}
      </Text>{" "}
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

const Body = ({ tab }: { tab: RbacTab }) => {
  const { me, meError } = useRbac();
  if (meError) {
    return (
      <Alert variant="danger" isInline title={meError} data-testid="rbac-me-error" />
    );
  }
  if (!me) return <Spinner />;
  switch (tab) {
    case "visual-roles":
      return <VisualRolesTab />;
    case "permissions":
      return <PermissionsTab />;
    case "access":
      return <AccessTab />;
    default:
      return <AdminRolesTab />;
  }
};

export const RoleHierarchySection = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { realm, tab, userId } = useParams<{ realm: string; tab?: string; userId?: string }>();
  const active: RbacTab = userId ? "access" : ((RBAC_TABS.find((x) => x.key === tab)?.key ?? "roles") as RbacTab);

  return (
    <RbacProvider>
      <PageSection variant={PageSectionVariants.light} className="rbac-header">
        <TextContent>
          <Title headingLevel="h1" data-testid="rbac-title">
            {t("rbacSection")}
          </Title>
          <Text>{t("rbacSectionHelp")}</Text>
        </TextContent>
        <SignedInAs />
      </PageSection>
      <PageSection variant={PageSectionVariants.light} padding={{ default: "noPadding" }}>
        <Tabs
          activeKey={active}
          onSelect={(_e, key) => navigate(`/${encodeURIComponent(realm!)}/role-hierarchy/${key}`)}
          className="rbac-tabs"
          inset={{ default: "insetSm" }}
        >
          {RBAC_TABS.map((x) => (
            <Tab key={x.key} eventKey={x.key} title={<TabTitleText>{t(x.title)}</TabTitleText>} data-testid={`rbac-tab-${x.key}`} />
          ))}
        </Tabs>
      </PageSection>
      <PageSection variant={PageSectionVariants.light}>
        <Body tab={active} />
      </PageSection>
    </RbacProvider>
  );
};
