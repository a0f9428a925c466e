package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.ReleaseJar;
import dev.hierarchicalrbac.it.support.TokenScene;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static dev.hierarchicalrbac.it.ClusterIT.FORMING;
import static dev.hierarchicalrbac.it.ClusterIT.TWO_MEMBERS;
import static dev.hierarchicalrbac.it.ClusterIT.assertAccess;
import static dev.hierarchicalrbac.it.ClusterIT.changesShowInTheOtherNodesNextToken;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue #17: a rolling upgrade of a two-node cluster ({@code --cache=ispn}, one PostgreSQL
 * database, as in {@link ClusterIT}). Node 1 runs the jar of {@code v0.1.0} and node 2 the current
 * jar; a change on either shows in the other's next token; then node 1 is replaced by a node with
 * the current jar, and tokens stay correct throughout. Both jars must speak the same cluster-event
 * schema (ProtoStream), or the nodes could not read each other's invalidations.
 *
 * <p>Runs in the {@code it-upgrade-postgres} execution, after {@link UpgradeIT}, on its database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpgradeIT {

    static Database database;
    static Path work;
    static Path currentHome;
    static KeycloakServer node1;
    static KeycloakServer node2;

    @BeforeAll
    static void formMixedCluster() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("it.upgrade"), "RollingUpgradeIT runs in the it-upgrade executions");
        database = Database.current();
        Assumptions.assumeTrue(database == Database.POSTGRES, "the rolling upgrade runs on PostgreSQL only");
        work = Path.of(System.getProperty("it.work.dir")).resolve("rolling-upgrade");
        Path releaseHome = KeycloakServer.buildClusterHome(database, work.resolve("built-v0.1.0"), ReleaseJar.v010());
        currentHome = KeycloakServer.buildClusterHome(database, work.resolve("built-current"), KeycloakServer.currentJar());
        database.recreate(releaseHome);
        // The release's node creates the schema as v0.1.0 did; the current node then migrates it while node 1 runs.
        node1 = KeycloakServer.clusterNode(database, releaseHome, work.resolve("node-1"), 1);
        node2 = KeycloakServer.clusterNode(database, currentHome, work.resolve("node-2"), 2);
        node1.start(false);
        long mark1 = node1.logMark();
        node2.start(false);
        node2.awaitLogLine(0, TWO_MEMBERS, FORMING);
        node1.awaitLogLine(mark1, TWO_MEMBERS, FORMING);
    }

    @AfterAll
    static void stopCluster() {
        if (node2 != null) {
            node2.stop();
        }
        if (node1 != null) {
            node1.stop();
        }
    }

    @Test
    @Order(1)
    void bothJarsCarryTheSameClusterEventSchema() throws IOException {
        Map<String, String> release = protoSchemas(ReleaseJar.v010());
        assertFalse(release.isEmpty(), "v0.1.0 ships its ProtoStream schema");
        assertEquals(release, protoSchemas(KeycloakServer.currentJar()));
    }

    @Test
    @Order(2)
    void changesOnTheReleaseNodeShowInTheCurrentNodesNextToken() {
        changesShowInTheOtherNodesNextToken(node1, node2, false);
    }

    @Test
    @Order(3)
    void changesOnTheCurrentNodeShowInTheReleaseNodesNextToken() {
        changesShowInTheOtherNodesNextToken(node2, node1, false);
    }

    @Test
    @Order(4)
    void afterNode1IsUpgradedTokensStayCorrect() throws Exception {
        TokenScene one = TokenScene.create(node1, "rolling");
        TokenScene two = one.through(node2);
        String account = one.serviceAccountUserId();
        String editor = one.createRole("Editor", 10, "manage_settings");
        one.assign(account, editor);
        assertAccess(one, List.of("manage_settings"), List.of("Editor"));
        assertAccess(two, List.of("manage_settings"), List.of("Editor"));

        // A time-out set on the current node: v0.1.0 knows no time-outs, so its node still issues the
        // role's permissions until it is upgraded (the README's "Mixed versions" says so).
        expect(200, two.admin().put(two.rbac("/users/" + account + "/timeout"),
                Map.of("until", Instant.now().plusSeconds(3600).toString(), "reason", "RollingUpgradeIT")));
        assertAccess(two, List.of(), List.of("Editor"));
        assertAccess(one, List.of("manage_settings"), List.of("Editor"));

        // Node 1 goes down and comes back with the current jar (a new home from the same distribution).
        node1.stop();
        two.setRolePermissions(editor, "manage_settings", "view_logs");
        assertAccess(two, List.of(), List.of("Editor"));
        node1 = KeycloakServer.clusterNode(database, currentHome, work.resolve("node-1-upgraded"), 1);
        long mark = node2.logMark();
        node1.start(false);
        node2.awaitLogLine(mark, TWO_MEMBERS, FORMING);
        one = one.through(node1);
        assertAccess(one, List.of(), List.of("Editor"));

        expect(204, one.admin().delete(one.rbac("/users/" + account + "/timeout")));
        assertAccess(two, List.of("manage_settings", "view_logs"), List.of("Editor"));
        assertAccess(one, List.of("manage_settings", "view_logs"), List.of("Editor"));
        changesShowInTheOtherNodesNextToken(node1, node2, true);
        changesShowInTheOtherNodesNextToken(node2, node1, true);
    }

    /** The ProtoStream schemas ({@code *.proto}) a jar ships, by entry name. */
    private static Map<String, String> protoSchemas(Path jar) throws IOException {
        Map<String, String> schemas = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".proto")) {
                    schemas.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return schemas;
    }
}
