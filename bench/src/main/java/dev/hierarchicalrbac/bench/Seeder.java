package dev.hierarchicalrbac.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds the realm {@value #REALM} through APIs only:
 * <ul>
 *   <li>the permission catalogue and every admin role with its permissions: one document through
 *       the extension's {@code POST /rbac/import};</li>
 *   <li>users, and the realm roles of client B: Keycloak's {@code POST /partialImport}, in batches;</li>
 *   <li>each user's admin roles: {@code PUT /rbac/users/{id}/roles}, a few requests at a time;</li>
 *   <li>the clients A, B_n, C_n: Keycloak's admin API.</li>
 * </ul>
 * Names: permissions and B's realm roles are both {@code perm.0000}…, so B's and C's claims have
 * the same entries and the same size. C_n's service account holds 10 admin roles whose
 * permissions are disjoint slices of the first n permissions (union = n); B_n's holds the first n
 * realm roles.
 */
final class Seeder {

    static final String REALM = "bench";
    static final String SECRET = "bench-secret-0123456789";
    static final String CLIENT_A = "bench-a";
    /** A's organization baseline: no extra mapper, a member of {@value #ORGANIZATION}, asks for its scope. */
    static final String CLIENT_A_ORG = "bench-aorg";
    static final String EXTRA_ROLE = "Bench extra";
    /** A delegated admin: a realm user (service account of {@value #CLIENT_REST}) with manage_users, no owner. */
    static final String READER_ROLE = "Bench reader";
    static final String CLIENT_REST = "bench-rest";
    /** The organization of the C-org clients; their tokens ask for {@code organization:<alias>}. */
    static final String ORGANIZATION = "bench-org";
    static final String ORGANIZATION_SCOPE = "organization:" + ORGANIZATION;

    private final Admin admin;
    private final Options options;
    private final Random random;
    private final String rbac = "/admin/realms/" + REALM + "/rbac";
    private final String realmPath = "/admin/realms/" + REALM;

    /** Admin role name → id, user ids in seeding order, timings. */
    final Map<String, String> roleIds = new LinkedHashMap<>();
    final List<String> userIds = new ArrayList<>();
    final Map<String, Double> seconds = new LinkedHashMap<>();
    final Map<String, String> serviceAccounts = new LinkedHashMap<>();
    /** The organization's id and the role of its ladder the SQL phase assigns and unassigns (cold C-org tokens). */
    String organizationId;
    String organizationExtraRoleId;
    private String organization;
    private String organizationScope;
    long assignments;

    Seeder(Admin admin, Options options) {
        this.admin = admin;
        this.options = options;
        this.random = new Random(options.integer("seed"));
    }

    static String permissionName(int i) {
        return String.format("perm.%04d", i);
    }

    static String roleName(int position) {
        return String.format("Role %04d", position);
    }

    static String clientB(int n) {
        return "bench-b-" + n;
    }

    static String clientC(int n) {
        return "bench-c-" + n;
    }

    static String clientCOrg(int n) {
        return "bench-corg-" + n;
    }

    static String clientBOrg(int n) {
        return "bench-borg-" + n;
    }

    /** A-org, B-org and C-org: their service accounts are members of {@value #ORGANIZATION} and their requests ask for it. */
    static boolean forOrganization(String clientId) {
        return clientId.equals(CLIENT_A_ORG) || clientId.startsWith("bench-borg-") || clientId.startsWith("bench-corg-");
    }

    /** The scope parameter a client's token requests carry: the organization clients' ask for the organization, the others for nothing. */
    static String scopeOf(String clientId) {
        return forOrganization(clientId) ? ORGANIZATION_SCOPE : null;
    }

    /** Positions of the 10 admin roles of tier {@code tier}: the top of the hierarchy. */
    int tierRolePosition(int tier, int j) {
        return options.integer("roles") - tier * 10 - j;
    }

    void seed() {
        List<Integer> tiers = options.integers("perm-counts");
        int permissions = options.integer("permissions");
        if (tiers.stream().anyMatch(n -> n > permissions)) {
            throw new IllegalArgumentException("every --perm-counts must be ≤ --permissions");
        }
        timed("realm", () -> admin.post("/admin/realms", Map.of("realm", REALM, "enabled", true), 201));
        timed("permissions and admin roles (one /rbac/import)", this::catalogueAndRoles);
        timed("realm roles for B (partialImport)", this::realmRoles);
        timed("users (partialImport)", this::users);
        timed("admin-role assignments (PUT /rbac/users/{id}/roles)", this::assignments);
        timed("clients A, A-org, B, B-org, C, C-org", () -> clients(tiers));
    }

    private void timed(String what, Runnable step) {
        long start = System.nanoTime();
        step.run();
        double s = (System.nanoTime() - start) / 1e9;
        seconds.put(what, s);
        Bench.log("seeded %s in %.1f s", what, s);
    }

    private void catalogueAndRoles() {
        int permissions = options.integer("permissions");
        int roles = options.integer("roles");
        List<Integer> tiers = options.integers("perm-counts");
        List<Map<String, Object>> perms = new ArrayList<>();
        for (int i = 0; i < permissions; i++) {
            perms.add(Map.of("name", permissionName(i), "description", "Benchmark permission " + i));
        }
        Map<Integer, List<String>> tierPermissions = new LinkedHashMap<>();
        for (int t = 0; t < tiers.size(); t++) {
            int n = tiers.get(t);
            for (int j = 0; j < 10; j++) {
                List<String> slice = new ArrayList<>();
                for (int p = j * n / 10; p < (j + 1) * n / 10; p++) {
                    slice.add(permissionName(p));
                }
                tierPermissions.put(tierRolePosition(t, j), slice);
            }
        }
        List<Map<String, Object>> roleDocs = new ArrayList<>();
        for (int position = roles; position >= 1; position--) {
            List<String> granted = tierPermissions.get(position);
            if (granted == null) {
                Set<String> some = new LinkedHashSet<>();
                int count = 1 + random.nextInt(40);
                while (some.size() < count) {
                    some.add(permissionName(random.nextInt(permissions)));
                }
                granted = List.copyOf(some);
            }
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("name", roleName(position));
            role.put("position", position);
            role.put("color", "#3498DB");
            role.put("permissions", granted);
            roleDocs.add(role);
        }
        // A role nobody holds, above all others, that the REST and SQL phases assign and unassign.
        roleDocs.add(0, Map.of("name", EXTRA_ROLE, "position", roles + 1, "permissions", List.of()));
        roleDocs.add(0, Map.of("name", READER_ROLE, "position", roles + 2, "permissions", List.of("manage_users")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("permissions", perms);
        doc.put("roles", roleDocs);
        admin.post(rbac + "/import", doc, 200);
        for (JsonNode role : admin.get(rbac + "/roles")) {
            roleIds.put(role.get("name").asText(), role.get("id").asText());
        }
    }

    private void realmRoles() {
        int max = options.integers("perm-counts").stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Map<String, Object>> roles = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            roles.add(Map.of("name", permissionName(i)));
        }
        admin.post(realmPath + "/partialImport", Map.of("ifResourceExists", "SKIP", "roles", Map.of("realm", roles)), 200);
    }

    private void users() {
        int users = options.integer("users");
        int batch = 500;
        for (int from = 0; from < users; from += batch) {
            List<Map<String, Object>> reps = new ArrayList<>();
            for (int i = from; i < Math.min(users, from + batch); i++) {
                String name = String.format("user%06d", i);
                reps.add(Map.of("username", name, "enabled", true, "email", name + "@bench.test",
                        "firstName", "User", "lastName", Integer.toString(i)));
            }
            JsonNode answer = admin.post(realmPath + "/partialImport", Map.of("ifResourceExists", "SKIP", "users", reps), 200);
            for (JsonNode r : answer.get("results")) {
                userIds.add(r.get("id").asText());
            }
        }
    }

    private void assignments() {
        int maxPerUser = options.integer("max-roles-per-user");
        List<String> allRoles = roleIds.entrySet().stream().filter(e -> !e.getKey().equals("@everyone") && !e.getKey().equals(EXTRA_ROLE) && !e.getKey().equals(READER_ROLE))
                .map(Map.Entry::getValue).toList();
        List<List<String>> wanted = new ArrayList<>();
        for (int u = 0; u < userIds.size(); u++) {
            int count = 1 + random.nextInt(Math.min(maxPerUser, allRoles.size()));
            Set<String> held = new LinkedHashSet<>();
            while (held.size() < count) {
                held.add(allRoles.get(random.nextInt(allRoles.size())));
            }
            wanted.add(List.copyOf(held));
            assignments += count;
        }
        AtomicInteger done = new AtomicInteger();
        parallel(userIds.size(), u -> {
            admin.put(rbac + "/users/" + userIds.get(u) + "/roles", wanted.get(u), 200);
            int d = done.incrementAndGet();
            if (d % 2000 == 0) {
                Bench.log("  assignments: %d/%d users", d, userIds.size());
            }
        });
    }

    /** Runs {@code task(i)} for i in [0, n) on --seed-threads threads. */
    void parallel(int n, java.util.function.IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(options.integer("seed-threads"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void clients(List<Integer> tiers) {
        organization();
        JsonNode realmRoles = admin.get(realmPath + "/roles?first=0&max=100000&briefRepresentation=true");
        Map<String, JsonNode> realmRoleByName = new LinkedHashMap<>();
        realmRoles.forEach(r -> realmRoleByName.put(r.get("name").asText(), r));

        client(CLIENT_A, null);
        // A-org: Keycloak alone issuing an organization token (its organization scope and mapper), no
        // extra mapper: the baseline of C-org.
        joinOrganization(CLIENT_A_ORG, client(CLIENT_A_ORG, null));
        // The delegated admin of the REST phase: manage_users in the hierarchy, Keycloak's view-users.
        String reader = client(CLIENT_REST, null);
        admin.put(rbac + "/users/" + reader + "/roles", List.of(roleIds.get(READER_ROLE)), 200);
        String management = admin.get(realmPath + "/clients?clientId=realm-management").get(0).get("id").asText();
        JsonNode viewUsers = admin.get(realmPath + "/clients/" + management + "/roles/view-users");
        admin.post(realmPath + "/users/" + reader + "/role-mappings/clients/" + management, List.of(viewUsers), 204);
        for (int t = 0; t < tiers.size(); t++) {
            int n = tiers.get(t);
            String b = client(clientB(n), Map.of(
                    "name", "realm roles", "protocol", "openid-connect", "protocolMapper", "oidc-usermodel-realm-role-mapper",
                    "config", mapperConfig(Map.of("multivalued", "true", "jsonType.label", "String"))));
            List<JsonNode> grant = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                grant.add(realmRoleByName.get(permissionName(i)));
            }
            admin.post(realmPath + "/users/" + b + "/role-mappings/realm", grant, 204);
            // B-org: B's mapper and realm roles, a member of the organization asking for it.
            String bOrg = client(clientBOrg(n), Map.of(
                    "name", "realm roles", "protocol", "openid-connect", "protocolMapper", "oidc-usermodel-realm-role-mapper",
                    "config", mapperConfig(Map.of("multivalued", "true", "jsonType.label", "String"))));
            admin.post(realmPath + "/users/" + bOrg + "/role-mappings/realm", grant, 204);
            joinOrganization(clientBOrg(n), bOrg);

            String c = client(clientC(n), Map.of(
                    "name", "rbac permissions", "protocol", "openid-connect", "protocolMapper", "rbac-effective-permissions-mapper",
                    "config", mapperConfig(Map.of())));
            List<String> held = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                held.add(roleIds.get(roleName(tierRolePosition(t, j))));
            }
            admin.put(rbac + "/users/" + c + "/roles", held, 200);

            // C-org: C's mapper with the organization merged, C's 10 admin roles, and a member of the
            // organization holding one role of its ladder with the same n permissions, so the merged
            // claim carries C's n entries and the difference is the organization's work alone.
            String cOrg = client(clientCOrg(n), Map.of(
                    "name", "rbac permissions", "protocol", "openid-connect", "protocolMapper", "rbac-effective-permissions-mapper",
                    "config", mapperConfig(Map.of("rbac.organization", "merged"))));
            admin.put(rbac + "/users/" + cOrg + "/roles", held, 200);
            joinOrganization(clientCOrg(n), cOrg);
            List<String> permissions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                permissions.add(permissionName(i));
            }
            String orgRole = admin.post(organization + "/roles", Map.of("name", "Org tier " + n, "position", t + 1,
                    "permissions", permissions), 201).get("id").asText();
            admin.put(organization + "/users/" + cOrg + "/roles/" + orgRole, "", 204);
        }
    }

    /** Keycloak's {@code organization} scope as an optional scope of the client, its service-account user a member. */
    private void joinOrganization(String clientId, String serviceAccount) {
        String clientUuid = admin.get(realmPath + "/clients?clientId=" + Admin.enc(clientId)).get(0).get("id").asText();
        admin.put(realmPath + "/clients/" + clientUuid + "/optional-client-scopes/" + organizationScope, "", 204);
        admin.post(realmPath + "/organizations/" + organizationId + "/members", "\"" + serviceAccount + "\"", 201);
    }

    /** Organizations on for the realm, the organization {@value #ORGANIZATION} and an empty role of its ladder. */
    private void organization() {
        admin.put(realmPath, Map.of("organizationsEnabled", true), 204);
        admin.post(realmPath + "/organizations", Map.of("name", ORGANIZATION, "alias", ORGANIZATION,
                "domains", List.of(Map.of("name", ORGANIZATION + ".test"))), 201);
        organizationId = admin.get(realmPath + "/organizations?search=" + ORGANIZATION + "&exact=true").get(0).get("id").asText();
        organization = rbac + "/organizations/" + organizationId;
        organizationExtraRoleId = admin.post(organization + "/roles", Map.of("name", EXTRA_ROLE, "position", 1000,
                "permissions", List.of()), 201).get("id").asText();
        for (JsonNode scope : admin.get(realmPath + "/client-scopes")) {
            if (scope.get("name").asText().equals("organization")) {
                organizationScope = scope.get("id").asText();
            }
        }
        if (organizationScope == null) {
            throw new IllegalStateException("the realm has no organization client scope");
        }
    }

    private static Map<String, String> mapperConfig(Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("claim.name", "permissions",
                "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                "introspection.token.claim", "false", "lightweight.claim", "false"));
        config.putAll(extra);
        return config;
    }

    /**
     * A confidential client with a service account and only the {@code basic} client scope (no
     * optional scopes), so A, B and C differ only by their one mapper; its service-account user
     * loses the realm's default roles. Answers the service-account user's id.
     */
    private String client(String clientId, Map<String, Object> mapper) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("clientId", clientId);
        rep.put("enabled", true);
        rep.put("protocol", "openid-connect");
        rep.put("publicClient", false);
        rep.put("secret", SECRET);
        rep.put("serviceAccountsEnabled", true);
        rep.put("standardFlowEnabled", false);
        rep.put("directAccessGrantsEnabled", false);
        rep.put("fullScopeAllowed", true);
        admin.post(realmPath + "/clients", rep, 201);
        String id = admin.get(realmPath + "/clients?clientId=" + Admin.enc(clientId)).get(0).get("id").asText();
        String clientPath = realmPath + "/clients/" + id;
        boolean basic = false;
        for (JsonNode scope : admin.get(clientPath + "/default-client-scopes")) {
            if (scope.get("name").asText().equals("basic")) {
                basic = true;
            } else {
                admin.delete(clientPath + "/default-client-scopes/" + scope.get("id").asText(), null, 204);
            }
        }
        for (JsonNode scope : admin.get(clientPath + "/optional-client-scopes")) {
            admin.delete(clientPath + "/optional-client-scopes/" + scope.get("id").asText(), null, 204);
        }
        if (!basic) {
            for (JsonNode scope : admin.get(realmPath + "/client-scopes")) {
                if (scope.get("name").asText().equals("basic")) {
                    admin.put(clientPath + "/default-client-scopes/" + scope.get("id").asText(), "", 204);
                }
            }
        }
        if (mapper != null) {
            admin.post(clientPath + "/protocol-mappers/models", mapper, 201);
        }
        String user = admin.get(clientPath + "/service-account-user").get("id").asText();
        JsonNode defaults = admin.get(realmPath + "/users/" + user + "/role-mappings/realm");
        if (defaults.size() > 0) {
            admin.delete(realmPath + "/users/" + user + "/role-mappings/realm", defaults, 204);
        }
        serviceAccounts.put(clientId, user);
        return user;
    }

    /** The payload of a client's access token, decoded. */
    JsonNode tokenClaims(String clientId) {
        String jwt = admin.clientToken(REALM, clientId, SECRET).get("access_token").asText();
        try {
            return Admin.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length in bytes of a client's access token. */
    int tokenLength(String clientId) {
        return admin.clientToken(REALM, clientId, SECRET).get("access_token").asText().length();
    }
}
