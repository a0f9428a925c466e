package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Api;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.TokenScene;
import dev.hierarchicalrbac.it.support.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7: the extension in a real two-node Keycloak cluster on this machine. Both nodes run the
 * packaged jar in production mode with {@code --cache=ispn} on loopback, on one PostgreSQL
 * database, found by each other through Keycloak's default database-backed discovery (jdbc-ping).
 * Each node caches permissions, roles and assignments; these tests make every kind of change on one
 * node after the other node has cached the old state, and read the other node's next token.
 *
 * <p>Runs in its own failsafe execution ({@code it-cluster}, PostgreSQL, its own database), so no
 * third Keycloak competes for this machine's cores. Skip with {@code -Dit.cluster.skip=true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** A cluster view with both nodes, as Infinispan logs it (ISPN000094, or ISPN000093 after a merge). */
    static final Pattern TWO_MEMBERS = Pattern.compile("ISPN00009[34].*cluster view.*\\(2\\)");
    static final Duration FORMING = Duration.ofMinutes(3);

    static Database database;
    static Path built;
    static KeycloakServer node1;
    static KeycloakServer node2;

    @BeforeAll
    static void formCluster() throws Exception {
        // -Dit.test=ClusterIT selects it in the per-database executions too; it belongs to it-cluster.
        Assumptions.assumeTrue(Boolean.getBoolean("it.cluster"), "ClusterIT runs in the it-cluster execution");
        database = Database.current();
        if (database != Database.POSTGRES) {
            throw new IllegalStateException("ClusterIT runs on PostgreSQL (the it-cluster execution), not " + database);
        }
        Path work = Path.of(System.getProperty("it.work.dir")).resolve("cluster");
        built = KeycloakServer.buildClusterHome(database, work.resolve("built"));
        database.recreate(built);
        node1 = KeycloakServer.clusterNode(database, built, work.resolve("node-1"), 1);
        node2 = KeycloakServer.clusterNode(database, built, work.resolve("node-2"), 2);
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

    // --- every kind of change, made on one node, in the other node's next token --------------------

    @Test
    @Order(1)
    void changesOnNode1ShowInTheNextTokenOfNode2() {
        changesShowInTheOtherNodesNextToken(node1, node2, true);
    }

    @Test
    @Order(2)
    void changesOnNode2ShowInTheNextTokenOfNode1() {
        changesShowInTheOtherNodesNextToken(node2, node1, true);
    }

    /**
     * Every kind of change made on {@code writerNode}, each read back in {@code readerNode}'s next token;
     * time-outs only when both nodes know them (RollingUpgradeIT mixes in a v0.1.0 node, which does not).
     */
    static void changesShowInTheOtherNodesNextToken(KeycloakServer writerNode, KeycloakServer readerNode, boolean timeOuts) {
        TokenScene writer = TokenScene.create(writerNode, "cluster");
        TokenScene reader = writer.through(readerNode);
        String account = writer.serviceAccountUserId();
        String recipes = writer.createPermission("edit_recipes");
        String editor = writer.createRole("Editor", 10, "edit_recipes", "view_logs");
        String helper = writer.createRole("Helper", 5, "manage_invites");
        writer.assign(account, editor);
        writer.assign(account, helper);
        // Each step first has the reader node cache the state (its token), then changes it on the writer.
        assertAccess(reader, List.of("edit_recipes", "manage_invites", "view_logs"), List.of("Editor", "Helper"));

        expect(200, writer.admin().put(writer.rbac("/roles/" + editor), Map.of("name", "Chief editor")));
        assertAccess(reader, List.of("edit_recipes", "manage_invites", "view_logs"), List.of("Chief editor", "Helper"));

        writer.setRolePermissions(editor, "edit_recipes", "view_logs", "manage_settings");
        assertAccess(reader, List.of("edit_recipes", "manage_invites", "manage_settings", "view_logs"), List.of("Chief editor", "Helper"));

        writer.setRolePermissions(editor, "edit_recipes", "manage_settings");
        assertAccess(reader, List.of("edit_recipes", "manage_invites", "manage_settings"), List.of("Chief editor", "Helper"));

        writer.deletePermission(recipes);
        assertAccess(reader, List.of("manage_invites", "manage_settings"), List.of("Chief editor", "Helper"));

        writer.unassign(account, helper);
        assertAccess(reader, List.of("manage_settings"), List.of("Chief editor"));

        writer.setRolePermissions(writer.everyoneId(), "view_logs");
        assertAccess(reader, List.of("manage_settings", "view_logs"), List.of("Chief editor"));

        // A time-out (design §9) on one node: the other node's next token holds @everyone's only, and
        // all of it again once the time-out is ended there.
        if (timeOuts) {
            expect(200, writer.admin().put(writer.rbac("/users/" + account + "/timeout"),
                    Map.of("until", Instant.now().plusSeconds(3600).toString(), "reason", "ClusterIT")));
            assertAccess(reader, List.of("view_logs"), List.of("Chief editor"));
            expect(204, writer.admin().delete(writer.rbac("/users/" + account + "/timeout")));
            assertAccess(reader, List.of("manage_settings", "view_logs"), List.of("Chief editor"));
        }

        writer.deleteRole(editor);
        assertAccess(reader, List.of("view_logs"), List.of());
    }

    // --- the extension's admin API on one node sees writes made on the other at once -------------

    @Test
    @Order(3)
    void adminReadsOnOneNodeSeeWritesFromTheOtherAtOnce() {
        TokenScene one = TokenScene.create(node1, "cluster-api");
        TokenScene two = one.through(node2);
        String user = one.user("reader");
        List<String> before = roleNames(two);
        assertEquals(before, roleNames(one));
        assertEquals(List.of(), permissionsOver(two, user));

        String moderator = one.createRole("Moderator", 20, "manage_users");
        assertEquals(List.of("Moderator", "@everyone"), roleNames(two));
        one.assign(user, moderator);
        assertEquals(List.of("manage_users"), permissionsOver(two, user));
        assertEquals(List.of("Moderator"), Api.names(expect(200, two.admin().get(two.rbac("/users/" + user + "/roles"))).json()));

        String helper = two.createRole("Helper", 10, "manage_invites");
        two.assign(user, helper);
        assertEquals(List.of("Moderator", "Helper", "@everyone"), roleNames(one));
        assertEquals(List.of("manage_invites", "manage_users"), permissionsOver(one, user));

        one.reorder(Map.of(helper, 30, moderator, 25));
        assertEquals(List.of("Helper", "Moderator", "@everyone"), roleNames(two));
        two.createPermission("bake_bread");
        assertTrue(one.catalogue().contains("bake_bread"));
    }

    // --- a node that dies, and comes back ------------------------------------------------------

    @Test
    @Order(4)
    void aKilledNodeLeavesTheOtherCorrectAndRejoinsCorrectAfterRestart() throws Exception {
        TokenScene one = TokenScene.create(node1, "cluster-kill");
        TokenScene two = one.through(node2);
        String account = one.serviceAccountUserId();
        String editor = one.createRole("Editor", 10, "manage_settings");
        String helper = one.createRole("Helper", 5, "manage_invites");
        one.assign(account, editor);
        assertAccess(one, List.of("manage_settings"), List.of("Editor"));
        assertAccess(two, List.of("manage_settings"), List.of("Editor"));

        node1.kill();
        two.assign(account, helper);
        assertAccess(two, List.of("manage_invites", "manage_settings"), List.of("Editor", "Helper"));
        two.setRolePermissions(editor, "view_logs");
        assertAccess(two, List.of("manage_invites", "view_logs"), List.of("Editor", "Helper"));

        long mark = node1.logMark();
        node1.start(false);
        node1.awaitLogLine(mark, TWO_MEMBERS, FORMING);
        one = one.through(node1);
        assertAccess(one, List.of("manage_invites", "view_logs"), List.of("Editor", "Helper"));

        // Both directions work again: the restarted node both hears and is heard.
        two.unassign(account, helper);
        assertAccess(one, List.of("view_logs"), List.of("Editor"));
        one.setRolePermissions(editor, "view_logs", "manage_users");
        assertAccess(two, List.of("manage_users", "view_logs"), List.of("Editor"));
    }

    // --- a bounded soak: writers and token readers on both nodes ---------------------------------

    @Test
    @Order(5)
    void afterASoakWithWritersAndReadersOnBothNodesEveryTokenMatchesTheDatabase() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("it.cluster.soak.seconds", 90));
        int maxWrites = Integer.getInteger("it.cluster.soak.max-writes", 4000);
        int maxTokens = Integer.getInteger("it.cluster.soak.max-tokens", 20000);

        TokenScene one = TokenScene.create(node1, "cluster-soak");
        TokenScene two = one.through(node2);
        List<String> catalogue = List.of("manage_users", "manage_invites", "manage_settings", "view_logs",
                "bake_bread", "edit_recipes", "taste_soup", "wash_dishes");
        for (String name : catalogue.subList(4, catalogue.size())) {
            one.createPermission(name);
        }
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            roles.add(one.createRole("Soak " + i, 10 + i, catalogue.get(i)));
        }
        List<String> clients = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String clientId = "soak-client-" + i;
            clients.add(clientId);
            accounts.add(one.serviceClient(clientId));
        }

        Instant end = Instant.now().plus(duration);
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger raced = new AtomicInteger();
        AtomicInteger tokens = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (TokenScene node : List.of(one, two)) {
            workers.add(pool.submit(() -> write(node, roles, accounts, catalogue, end, writes, raced, maxWrites, failures)));
            workers.add(pool.submit(() -> read(node, clients, end, tokens, maxTokens, failures)));
        }
        for (Future<?> worker : workers) {
            worker.get(duration.toSeconds() + 300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("ClusterIT soak: %d writes (%d lost a race to the same assignment on the other node), %d tokens in %s"
                + " on two nodes%n", Math.min(writes.get(), maxWrites), raced.get(), Math.min(tokens.get(), maxTokens), duration);
        assertEquals(List.of(), List.copyOf(failures), "every write and token request answered as expected");
        assertTrue(writes.get() > 20 && tokens.get() > 20, "the soak did work: " + writes + " writes, " + tokens + " tokens");

        String realmId = one.admin().realmId(one.realm);
        for (int i = 0; i < clients.size(); i++) {
            List<String> truth = permissionsInDatabase(realmId, accounts.get(i));
            for (TokenScene node : List.of(one, two)) {
                JsonNode grant = node.tokens.clientCredentials(clients.get(i), node.secret);
                assertEquals(truth, permissions(node.tokens.verified(grant, "access_token")),
                        clients.get(i) + " on " + node.server.baseUrl());
                assertEquals(truth, permissionsOver(node, accounts.get(i)), clients.get(i) + " through the API of " + node.server.baseUrl());
            }
        }
    }

    private static void write(TokenScene node, List<String> roles, List<String> accounts, List<String> catalogue,
                              Instant end, AtomicInteger writes, AtomicInteger raced, int maxWrites,
                              ConcurrentLinkedQueue<String> failures) {
        Random random = new Random();
        while (Instant.now().isBefore(end) && writes.incrementAndGet() <= maxWrites) {
            String role = roles.get(random.nextInt(roles.size()));
            String account = accounts.get(random.nextInt(accounts.size()));
            try {
                AdminClient.Response response = switch (random.nextInt(3)) {
                    case 0 -> node.admin().put(node.rbac("/users/" + account + "/roles/" + role), "");
                    case 1 -> node.admin().delete(node.rbac("/users/" + account + "/roles/" + role));
                    default -> {
                        Set<String> permissions = new TreeSet<>();
                        catalogue.forEach(p -> {
                            if (random.nextInt(3) == 0) {
                                permissions.add(p);
                            }
                        });
                        yield node.admin().put(node.rbac("/roles/" + role), Map.of("permissions", List.copyOf(permissions)));
                    }
                };
                // 404: unassigning a role the user does not hold. 409: the same role assigned to the
                // same user on both nodes at the same instant; one wins, the other is told so.
                boolean sameAssignmentRaced = response.status() == 409 && response.body().contains("concurrently by another request");
                if (sameAssignmentRaced) {
                    raced.incrementAndGet();
                }
                if (!Set.of(200, 204, 404).contains(response.status()) && !sameAssignmentRaced) {
                    failures.add("write on " + node.server.baseUrl() + ": " + response);
                }
            } catch (RuntimeException e) {
                failures.add("write on " + node.server.baseUrl() + ": " + e);
            }
        }
    }

    private static void read(TokenScene node, List<String> clients, Instant end, AtomicInteger tokens, int maxTokens,
                             ConcurrentLinkedQueue<String> failures) {
        Random random = new Random();
        while (Instant.now().isBefore(end) && tokens.incrementAndGet() <= maxTokens) {
            try {
                JsonNode grant = node.tokens.clientCredentials(clients.get(random.nextInt(clients.size())), node.secret);
                node.tokens.verified(grant, "access_token");
            } catch (RuntimeException | AssertionError e) {
                failures.add("token on " + node.server.baseUrl() + ": " + e);
            }
        }
    }

    /** What the database says: the permissions of {@code @everyone} and of every role the user holds. */
    private static List<String> permissionsInDatabase(String realmId, String userId) throws Exception {
        try (Connection c = node2.jdbc();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT p.NAME FROM RBAC_PERMISSION p"
                     + " JOIN RBAC_ADMIN_ROLE_PERMISSION rp ON rp.PERMISSION_ID = p.ID"
                     + " JOIN RBAC_ADMIN_ROLE r ON r.ID = rp.ROLE_ID"
                     + " WHERE r.REALM_ID = ? AND (r.ROLE_POSITION = 0"
                     + " OR r.ID IN (SELECT ROLE_ID FROM RBAC_USER_ADMIN_ROLE WHERE USER_ID = ? AND REALM_ID = ?))")) {
            s.setString(1, realmId);
            s.setString(2, userId);
            s.setString(3, realmId);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names.stream().sorted().toList();
        }
    }

    // --- an organization's ladder: a change on one node, in the other node's next organization token --

    @Test
    @Order(6)
    void anOrganizationRoleChangeOnNode1IsGoneFromTheNextOrganizationTokenOfNode2() {
        TokenScene writer = TokenScene.create(node1, "cluster-org");
        TokenScene reader = writer.through(node2);
        Organizations.enable(writer.admin(), writer.realm);
        Organizations.offerScope(writer.admin(), writer.realm, writer.clientUuid);
        writer.setMapperConfig("rbac.organization", "separate");
        String acme = Organizations.create(writer.admin(), writer.realm, "acme");
        String member = writer.user("member");
        Organizations.addMember(writer.admin(), writer.realm, acme, member);
        writer.setOrganizationRolePermissions(acme, writer.organizationEveryoneId(acme), "view_logs");
        String lead = writer.createOrganizationRole(acme, "Lead", 30, "manage_servers", "manage_plugins");
        writer.assignInOrganization(acme, member, lead);
        // The reader node caches the organization's ladder and the member's assignments (its token) first.
        assertEquals(List.of("manage_plugins", "manage_servers", "view_logs"), organizationPermissions(reader, "acme"));

        writer.setOrganizationRolePermissions(acme, lead, "manage_servers");
        assertEquals(List.of("manage_servers", "view_logs"), organizationPermissions(reader, "acme"), "permission revoked on node 1");

        writer.unassignInOrganization(acme, member, lead);
        assertEquals(List.of("view_logs"), organizationPermissions(reader, "acme"), "assignment removed on node 1");
        assertEquals(List.of(), permissions(reader.tokens.verified(memberGrant(reader, "openid organization:acme"), "access_token")),
                "the realm's claim never held the organization's permissions");
    }

    /** The member's next password-grant token for one organization, issued by the scene's node: its permissions there. */
    private static List<String> organizationPermissions(TokenScene node, String alias) {
        JWTClaimsSet claims = node.tokens.verified(memberGrant(node, "openid organization:" + alias), "access_token");
        Object claim = claims.getClaim("organization_permissions");
        assertTrue(claim instanceof Map<?, ?> byAlias && byAlias.get(alias) instanceof Map<?, ?>,
                "organization_permissions of " + node.server.baseUrl() + ": " + claim);
        Object permissions = ((Map<?, ?>) ((Map<?, ?>) claim).get(alias)).get("permissions");
        return ((List<?>) permissions).stream().map(String::valueOf).toList();
    }

    private static JsonNode memberGrant(TokenScene node, String scope) {
        return node.tokens.password(TokenScene.CLIENT, node.secret, "member", "member-pass", scope);
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The next client-credentials token of the scene's client, issued by the scene's node. */
    static void assertAccess(TokenScene node, List<String> permissions, List<String> adminRoles) {
        JWTClaimsSet claims = node.tokens.verified(node.tokens.clientCredentials(TokenScene.CLIENT, node.secret), "access_token");
        assertEquals(permissions, permissions(claims), "permissions in a token of " + node.server.baseUrl());
        List<String> roles = Tokens.strings(claims, "admin_roles");
        assertEquals(adminRoles, roles == null ? List.of() : roles, "admin_roles in a token of " + node.server.baseUrl());
    }

    private static List<String> permissions(JWTClaimsSet claims) {
        List<String> permissions = Tokens.strings(claims, "permissions");
        return permissions == null ? List.of() : permissions;
    }

    private static List<String> roleNames(TokenScene node) {
        return Api.names(expect(200, node.admin().get(node.rbac("/roles"))).json());
    }

    private static List<String> permissionsOver(TokenScene node, String userId) {
        JsonNode access = expect(200, node.admin().get(node.rbac("/users/" + userId + "/permissions"))).json();
        return Api.strings(access.get("permissions")).stream().sorted().toList();
    }
}
