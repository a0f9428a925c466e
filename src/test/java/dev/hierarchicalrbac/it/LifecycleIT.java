package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Organizations;

import static dev.hierarchicalrbac.it.support.Sql.count;
import static dev.hierarchicalrbac.it.support.Sql.shortId;
import static dev.hierarchicalrbac.it.support.Sql.scalar;
import static dev.hierarchicalrbac.it.support.Sql.strings;
import static dev.hierarchicalrbac.it.support.Sql.update;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foundation against the real server: the jar boots, Liquibase creates the tables, every
 * realm gets its built-ins, and removed users and realms leave no rows behind. Checked in the
 * database itself, not through the extension.
 */
class LifecycleIT {

    static final List<String> TABLES = List.of("RBAC_PERMISSION", "RBAC_ADMIN_ROLE", "RBAC_VISUAL_ROLE",
            "RBAC_ADMIN_ROLE_PERMISSION", "RBAC_USER_ADMIN_ROLE", "RBAC_USER_VISUAL_ROLE");
    static final List<String> BUILT_INS = List.of("manage_invites", "manage_permissions", "manage_plugins",
            "manage_roles", "manage_servers", "manage_settings", "manage_users", "view_logs");

    static KeycloakServer server;

    @BeforeAll
    static void boot() {
        server = KeycloakServer.shared();
    }

    @Test
    void liquibaseCreatedTheSixTables() throws SQLException {
        try (Connection c = server.jdbc()) {
            for (String table : TABLES) {
                // Throws if the table does not exist.
                count(c, "SELECT COUNT(*) FROM " + table);
            }
        }
    }

    @Test
    void aNewRealmHasTheBuiltInsAndEveryone() throws SQLException {
        String realm = "fresh-" + shortId();
        try (AdminClient admin = server.admin()) {
            admin.createRealm(realm);
            String realmId = admin.realmId(realm);
            assertBuiltIns(realmId);
        }
    }

    @Test
    void aRealmThatExistedBeforeInstallationIsSeededAtBoot() throws SQLException {
        try (AdminClient admin = server.admin()) {
            assertBuiltIns(admin.realmId(KeycloakServer.LEGACY_REALM));
        }
    }

    @Test
    void theImportedDemoRealmAndTheMasterRealmAreSeeded() throws SQLException {
        try (AdminClient admin = server.admin()) {
            assertBuiltIns(admin.realmId("demo"));
            assertBuiltIns(admin.realmId("master"));
        }
    }

    @Test
    void theDemoRealmSignsInItsUsersThroughDemoApp() {
        for (String user : List.of("owner", "alice", "bob", "carol")) {
            AdminClient.Response token = AdminClient.tokenRequest(server.baseUrl(), "demo", java.util.Map.of(
                    "grant_type", "password", "client_id", "demo-app", "username", user, "password", user));
            assertEquals(200, token.status(), user + ": " + token);
        }
    }

    @Test
    void deletingAUserDeletesItsRowsAndNothingElse() throws SQLException {
        String realm = "users-" + shortId();
        try (AdminClient admin = server.admin()) {
            admin.createRealm(realm);
            String realmId = admin.realmId(realm);
            String doomed = admin.createUser(realm, "doomed", "doomed-pass");
            String keeper = admin.createUser(realm, "keeper", "keeper-pass");
            try (Connection c = server.jdbc()) {
                String roleId = insertRole(c, realmId, "Helper", 10);
                String visualId = insertVisualRole(c, realmId, "Friend");
                for (String user : List.of(doomed, keeper)) {
                    update(c, "INSERT INTO RBAC_USER_ADMIN_ROLE (USER_ID, ROLE_ID, REALM_ID) VALUES (?, ?, ?)", user, roleId, realmId);
                    update(c, "INSERT INTO RBAC_USER_VISUAL_ROLE (USER_ID, VISUAL_ROLE_ID, REALM_ID) VALUES (?, ?, ?)", user, visualId, realmId);
                }
            }

            admin.deleteUser(realm, doomed);

            try (Connection c = server.jdbc()) {
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ?", doomed));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_USER_VISUAL_ROLE WHERE USER_ID = ?", doomed));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ?", keeper));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM RBAC_USER_VISUAL_ROLE WHERE USER_ID = ?", keeper));
            }
        }
    }

    @Test
    void deletingARealmDeletesEveryRowOfItAndNoOtherRealms() throws SQLException {
        String realm = "doomed-" + shortId();
        try (AdminClient admin = server.admin()) {
            admin.createRealm(realm);
            String realmId = admin.realmId(realm);
            String demoId = admin.realmId("demo");
            String user = admin.createUser(realm, "member", "member-pass");
            long demoRowsBefore;
            try (Connection c = server.jdbc()) {
                String roleId = insertRole(c, realmId, "Admin", 50);
                String visualId = insertVisualRole(c, realmId, "VIP");
                String permissionId = scalar(c, "SELECT ID FROM RBAC_PERMISSION WHERE REALM_ID = ? AND NAME = 'manage_users'", realmId);
                update(c, "INSERT INTO RBAC_ADMIN_ROLE_PERMISSION (ROLE_ID, PERMISSION_ID, REALM_ID) VALUES (?, ?, ?)", roleId, permissionId, realmId);
                update(c, "INSERT INTO RBAC_USER_ADMIN_ROLE (USER_ID, ROLE_ID, REALM_ID) VALUES (?, ?, ?)", user, roleId, realmId);
                update(c, "INSERT INTO RBAC_USER_VISUAL_ROLE (USER_ID, VISUAL_ROLE_ID, REALM_ID) VALUES (?, ?, ?)", user, visualId, realmId);
                for (String table : TABLES) {
                    assertTrue(count(c, "SELECT COUNT(*) FROM " + table + " WHERE REALM_ID = ?", realmId) > 0, table);
                }
                demoRowsBefore = rowsOfRealm(c, demoId);
            }

            admin.deleteRealm(realm);

            try (Connection c = server.jdbc()) {
                for (String table : TABLES) {
                    assertEquals(0, count(c, "SELECT COUNT(*) FROM " + table + " WHERE REALM_ID = ?", realmId), table);
                }
                assertEquals(demoRowsBefore, rowsOfRealm(c, demoId), "another realm's rows are untouched");
            }
        }
    }

    @Test
    void aMemberLeavingAnOrganizationLosesItsRowsThereAndARemovedOrganizationLeavesNone() throws SQLException {
        String realm = "orgs-" + shortId();
        try (AdminClient admin = server.admin()) {
            admin.createRealm(realm);
            Organizations.enable(admin, realm);
            String realmId = admin.realmId(realm);
            String org = Organizations.create(admin, realm, "guild");
            String leaver = admin.createUser(realm, "leaver", "leaver-pass");
            String stayer = admin.createUser(realm, "stayer", "stayer-pass");
            Organizations.addMember(admin, realm, org, leaver);
            Organizations.addMember(admin, realm, org, stayer);
            String realmRole;
            try (Connection c = server.jdbc()) {
                realmRole = insertRole(c, realmId, "Helper", 10);
                String orgRole = insertOrganizationRole(c, realmId, org, "Helper", 10);
                String permissionId = scalar(c, "SELECT ID FROM RBAC_PERMISSION WHERE REALM_ID = ? AND NAME = 'manage_users'", realmId);
                update(c, "INSERT INTO RBAC_ADMIN_ROLE_PERMISSION (ROLE_ID, PERMISSION_ID, REALM_ID) VALUES (?, ?, ?)", orgRole, permissionId, realmId);
                for (String user : List.of(leaver, stayer)) {
                    update(c, "INSERT INTO RBAC_USER_ADMIN_ROLE (USER_ID, ROLE_ID, REALM_ID) VALUES (?, ?, ?)", user, realmRole, realmId);
                    update(c, "INSERT INTO RBAC_USER_ADMIN_ROLE (USER_ID, ROLE_ID, REALM_ID, ORGANIZATION_ID) VALUES (?, ?, ?, ?)",
                            user, orgRole, realmId, org);
                    update(c, "INSERT INTO RBAC_ORGANIZATION_OWNER (REALM_ID, ORGANIZATION_ID, USER_ID) VALUES (?, ?, ?)", realmId, org, user);
                }
            }

            Organizations.removeMember(admin, realm, org, leaver);

            try (Connection c = server.jdbc()) {
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ? AND ORGANIZATION_ID = ?", leaver, org));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_ORGANIZATION_OWNER WHERE USER_ID = ?", leaver));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ? AND ROLE_ID = ?", leaver, realmRole),
                        "their roles in the realm stay");
                assertEquals(2, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ?", stayer));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM RBAC_ORGANIZATION_OWNER WHERE USER_ID = ?", stayer));
            }

            Organizations.delete(admin, realm, org);

            try (Connection c = server.jdbc()) {
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_ADMIN_ROLE WHERE ORGANIZATION_ID = ?", org));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE ORGANIZATION_ID = ?", org));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM RBAC_ORGANIZATION_OWNER WHERE ORGANIZATION_ID = ?", org));
                assertEquals(2, count(c, "SELECT COUNT(*) FROM RBAC_ADMIN_ROLE WHERE REALM_ID = ?", realmId), "the realm's Helper and @everyone stay");
                assertEquals(2, count(c, "SELECT COUNT(*) FROM RBAC_USER_ADMIN_ROLE WHERE ROLE_ID = ?", realmRole));
            }
        }
    }

    @Test
    void rowsWrittenWithoutAnOrganizationBelongToTheRealmsLadderWhoseUniquenessTheDatabaseStillEnforces() throws SQLException {
        try (AdminClient admin = server.admin(); Connection c = server.jdbc()) {
            String realmId = admin.realmId(KeycloakServer.LEGACY_REALM);
            String id = insertRole(c, realmId, "Legacy-" + shortId(), 77);
            assertEquals("-", scalar(c, "SELECT ORGANIZATION_ID FROM RBAC_ADMIN_ROLE WHERE ID = ?", id));
            assertThrows(SQLException.class, () -> insertRole(c, realmId, "Another-" + shortId(), 77));
            update(c, "DELETE FROM RBAC_ADMIN_ROLE WHERE ID = ?", id);
        }
    }

    private static void assertBuiltIns(String realmId) throws SQLException {
        try (Connection c = server.jdbc()) {
            List<String> names = strings(c, "SELECT NAME FROM RBAC_PERMISSION WHERE REALM_ID = ? AND BUILT_IN = ? ORDER BY NAME", realmId, true);
            assertEquals(BUILT_INS, names);
            List<String> everyone = strings(c, "SELECT NAME FROM RBAC_ADMIN_ROLE WHERE REALM_ID = ? AND ROLE_POSITION = 0", realmId);
            assertEquals(List.of("@everyone"), everyone);
        }
    }

    private static long rowsOfRealm(Connection c, String realmId) throws SQLException {
        long total = 0;
        for (String table : TABLES) {
            total += count(c, "SELECT COUNT(*) FROM " + table + " WHERE REALM_ID = ?", realmId);
        }
        return total;
    }

    private static String insertRole(Connection c, String realmId, String name, int position) throws SQLException {
        String id = UUID.randomUUID().toString();
        update(c, "INSERT INTO RBAC_ADMIN_ROLE (ID, REALM_ID, NAME, NAME_KEY, ROLE_POSITION) VALUES (?, ?, ?, ?, ?)",
                id, realmId, name, name.toLowerCase(), position);
        return id;
    }

    private static String insertOrganizationRole(Connection c, String realmId, String organizationId, String name, int position)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        update(c, "INSERT INTO RBAC_ADMIN_ROLE (ID, REALM_ID, ORGANIZATION_ID, NAME, NAME_KEY, ROLE_POSITION) VALUES (?, ?, ?, ?, ?, ?)",
                id, realmId, organizationId, name, name.toLowerCase(), position);
        return id;
    }

    private static String insertVisualRole(Connection c, String realmId, String name) throws SQLException {
        String id = UUID.randomUUID().toString();
        update(c, "INSERT INTO RBAC_VISUAL_ROLE (ID, REALM_ID, NAME, NAME_KEY, DISPLAY_POSITION) VALUES (?, ?, ?, ?, ?)",
                id, realmId, name, name.toLowerCase(), 1);
        return id;
    }
}
