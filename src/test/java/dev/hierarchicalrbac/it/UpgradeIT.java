package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.ReleaseJar;
import dev.hierarchicalrbac.it.support.TokenScene;
import dev.hierarchicalrbac.it.support.UpgradeSnapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: data written by the first release survives an upgrade of the jar. The jar of tag
 * {@code v0.1.0} (built from this repository's history by {@link ReleaseJar}) boots on an empty
 * database, a full configuration is made through its REST API, every row (the API's answers, the
 * export and the tables themselves) and every token's claims are captured; then the current jar
 * boots on the same database and everything must read back the same, and the features added since
 * (time-outs, user administration, organization ladders) must work on the upgraded data.
 *
 * <p>Runs in the {@code it-upgrade-postgres} and {@code it-upgrade-mariadb} executions, each on a
 * database of its own. Skip with {@code -Dit.upgrade.skip=true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    static KeycloakServer server;
    static TokenScene scene;
    static UpgradeSnapshot.Principals principals;
    static UpgradeSnapshot before;
    static UpgradeSnapshot after;

    @BeforeAll
    static void upgradeFromV010() throws Exception {
        // -Dit.test=UpgradeIT would select it in the per-database executions too; it belongs to it-upgrade.
        Assumptions.assumeTrue(Boolean.getBoolean("it.upgrade"), "UpgradeIT runs in the it-upgrade executions");
        Database database = Database.current();
        Path home = Path.of(System.getProperty("it.work.dir")).resolve("upgrade-" + database.name().toLowerCase()).resolve("keycloak");
        server = KeycloakServer.standalone(database, home, ReleaseJar.v010());
        database.recreate(home);
        server.start(false);
        scene = TokenScene.create(server, "upgrade");
        principals = UpgradeSnapshot.fullConfiguration(scene);
        before = UpgradeSnapshot.capture(scene, principals);
        server.stop();

        // The same database, never recreated: only the jar changes.
        server.installProvider(KeycloakServer.currentJar());
        server.start(false);
        after = UpgradeSnapshot.capture(scene, principals);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void everyRowReadsBackTheSame() {
        before.assertRowsUnchangedIn(after);
    }

    @Test
    @Order(2)
    void everyTokenCarriesTheSameClaims() {
        before.assertTokensUnchangedIn(after);
    }

    @Test
    @Order(3)
    void upgradedDataStaysEditable() {
        // What GET answers can be sent back by PUT, legacy names included (v0.1.0 let invisible characters in).
        for (JsonNode role : expect(200, scene.admin().get(scene.rbac("/roles"))).json()) {
            expect(200, scene.admin().put(scene.rbac("/roles/" + role.get("id").asText()), role));
        }
        for (JsonNode visual : expect(200, scene.admin().get(scene.rbac("/visual-roles"))).json()) {
            expect(200, scene.admin().put(scene.rbac("/visual-roles/" + visual.get("id").asText()), visual));
        }
        String added = scene.createRole("Added after upgrade", 30, "edit_recipes");
        scene.assign(principals.id("plain"), added);
        assertEquals(List.of("edit_recipes", "publish.articles"), principals.permissionsInToken(scene, "plain"));
        scene.unassign(principals.id("plain"), added);
        scene.deleteRole(added);
        before.assertRowsUnchangedIn(UpgradeSnapshot.capture(scene, principals));
    }

    @Test
    @Order(4)
    void timeOutsWorkOnUpgradedData() {
        String mod = principals.id("mod");
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode timeout = expect(200, scene.admin().put(scene.rbac("/users/" + mod + "/timeout"),
                object("until", until, "reason", "upgrade check"))).json();
        assertTrue(timeout.hasNonNull("until"), timeout::toString);
        // A timed-out user holds only @everyone's permissions, in the token and the API.
        assertEquals(List.of("publish.articles"), principals.permissionsInToken(scene, "mod"));
        JsonNode permissions = expect(200, scene.admin().get(scene.rbac("/users/" + mod + "/permissions"))).json();
        assertTrue(permissions.hasNonNull("timedOutUntil"), permissions::toString);
        expect(204, scene.admin().delete(scene.rbac("/users/" + mod + "/timeout")));
        before.assertTokensUnchangedIn(UpgradeSnapshot.capture(scene, principals));
    }

    @Test
    @Order(5)
    void userAdministrationWorksOnUpgradedData() {
        assertFalse(expect(200, scene.admin().get(scene.rbac("/user-administration"))).json().get("enabled").asBoolean());
        JsonNode on = expect(200, scene.admin().put(scene.rbac("/user-administration"), object("enabled", true))).json();
        assertTrue(on.get("enabled").asBoolean(), on::toString);
        // mod (Moderator, 20, manage_users) with the console role the switch made may edit helper
        // (Helper, 10) through Keycloak's own admin API, and not the owner.
        JsonNode consoleRole = expect(200, scene.admin().get(scene.adminPath("/roles/" + on.get("consoleRole").asText()))).json();
        expect(204, scene.admin().post(scene.adminPath("/users/" + principals.id("mod") + "/role-mappings/realm"), List.of(consoleRole)));
        AdminClient asMod = AdminClient.signIn(server.baseUrl(), scene.realm, "admin-cli", "mod", "mod-pass");
        assertEquals(204, rename(asMod, "helper", "Renamed by mod").status(), "below");
        assertEquals(403, rename(asMod, "owner", "Renamed by mod").status(), "owner");
        assertEquals(204, rename(scene.admin(), "helper", "helper").status(), "the name the snapshot holds");
        JsonNode off = expect(200, scene.admin().put(scene.rbac("/user-administration"), object("enabled", false))).json();
        assertFalse(off.get("enabled").asBoolean(), off::toString);
        before.assertRowsUnchangedIn(UpgradeSnapshot.capture(scene, principals));
    }

    @Test
    @Order(6)
    void organizationLaddersWorkOnUpgradedData() {
        String realm = scene.realm;
        Organizations.enable(scene.admin(), realm);
        String org = Organizations.create(scene.admin(), realm, "upgraded");
        String helper = principals.id("helper");
        Organizations.addMember(scene.admin(), realm, org, helper);
        // Position 20 is the realm's Moderator: an organization's ladder has positions of its own.
        JsonNode lead = expect(201, scene.admin().post(scene.rbac("/organizations/" + org + "/roles"),
                object("name", "Lead", "position", 20, "permissions", List.of("manage_users")))).json();
        expect(204, scene.admin().put(scene.rbac("/organizations/" + org + "/users/" + helper + "/roles/" + lead.get("id").asText()), ""));
        JsonNode inOrg = expect(200, scene.admin().get(scene.rbac("/organizations/" + org + "/users/" + helper + "/permissions"))).json();
        assertEquals(20, inOrg.get("highestPosition").asInt(), inOrg::toString);
        JsonNode inRealm = expect(200, scene.admin().get(scene.rbac("/users/" + helper + "/permissions"))).json();
        assertEquals(15, inRealm.get("highestPosition").asInt(), "Staff (15) is the highest of the realm ladder, which does not see the organization's: " + inRealm);
        // Removing the organization takes its rows along and leaves the first release's rows as they were.
        Organizations.delete(scene.admin(), realm, org);
        before.assertRowsUnchangedIn(UpgradeSnapshot.capture(scene, principals));
        before.assertTokensUnchangedIn(UpgradeSnapshot.capture(scene, principals));
    }

    private static AdminClient.Response rename(AdminClient actor, String target, String firstName) {
        String path = scene.adminPath("/users/" + principals.id(target));
        ObjectNode user = (ObjectNode) expect(200, scene.admin().get(path)).json();
        user.put("firstName", firstName);
        return actor.put(path, user);
    }
}
