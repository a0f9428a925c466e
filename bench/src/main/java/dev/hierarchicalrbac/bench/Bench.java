package dev.hierarchicalrbac.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark of issue #8: starts Keycloak 26.7.0 on PostgreSQL with the provider jar, seeds a
 * realm, measures token issuance of clients A (no mapper), B (Keycloak's realm role mapper) and C
 * (this extension's mapper) side by side, the extension's SQL per warm and cold token, its REST
 * API and the heap of its caches, and writes docs/benchmarks.md. Run it with bench/run.sh.
 */
public final class Bench {

    private final Options options;
    private final Report report;
    private KeycloakProcess keycloak;
    private Admin admin;
    private Seeder seeder;

    private Bench(Options options) {
        this.options = options;
        this.report = new Report(options);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new Bench(options).run();
    }

    static void log(String format, Object... args) {
        System.out.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
        System.out.flush();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        report.machineBefore();
        Path work = options.path("work");
        Path home = work.resolve("keycloak");
        deleteTree(home);
        Files.createDirectories(work);
        log("copying the distribution to %s", home);
        copyTree(options.path("dist"), home);
        Files.copy(options.path("jar"), home.resolve("providers/hierarchical-rbac.jar"), StandardCopyOption.REPLACE_EXISTING);
        recreateDatabase(false);
        String jdbc = "jdbc:postgresql://" + options.str("db-host") + "/" + options.str("db-name");
        keycloak = new KeycloakProcess(home, List.of("--db=postgres", "--db-url=" + jdbc,
                "--db-username=" + options.str("db-user"), "--db-password=unused-trust-auth"),
                options.str("heap"), options.integer("users"));
        try {
            log("starting Keycloak (kc.sh start, builds on first start)");
            keycloak.start(List.of());
            report.keycloakCommand = keycloak.commandLine();
            admin = new Admin(keycloak.baseUrl());
            seeder = new Seeder(admin, options);
            seeder.seed();
            report.seeding(seeder);
            checkTokens();
            TokenPhase tokens = new TokenPhase(options, keycloak, report);
            phase("tokens", tokens::run);
            phase("rest", this::restPhase);
            if (!options.flag("skip-heap")) {
                phase("heap", this::heapPhase);
            }
            // Last with this Keycloak: a JFR recording disturbs the CPU figures of what follows it.
            if (options.flag("profile")) {
                phase("profiles", () -> {
                    tokens.profile();
                    restProfiles();
                });
            }
            keycloak.stop();
            if (!options.flag("skip-sql")) {
                phase("sql", this::sqlPhase);
            }
        } finally {
            keycloak.stop();
            if (!options.flag("keep-db")) {
                recreateDatabase(true);
            }
            report.machineAfter((System.nanoTime() - started) / 1e9);
            report.write(options.path("out"));
            log("wrote %s", options.path("out"));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A failed phase is reported, and the others still run. */
    private void phase(String name, Step step) {
        log("phase %s", name);
        try {
            step.run();
        } catch (Exception e) {
            e.printStackTrace();
            report.failures.add(name + ": " + e);
        }
    }

    // --- tokens as seeded -----------------------------------------------------------------------

    /** B and C of a tier carry the same number of entries; A none. Recorded in the report. */
    private void checkTokens() {
        List<String> clients = new ArrayList<>(List.of(Seeder.CLIENT_A, Seeder.CLIENT_A_ORG));
        for (int n : options.integers("perm-counts")) {
            clients.add(Seeder.clientB(n));
            clients.add(Seeder.clientBOrg(n));
            clients.add(Seeder.clientC(n));
            clients.add(Seeder.clientCOrg(n));
        }
        for (String client : clients) {
            JsonNode claims = seeder.tokenClaims(client);
            JsonNode permissions = claims.get("permissions");
            int entries = permissions == null ? 0 : permissions.size();
            List<String> names = new ArrayList<>();
            claims.fieldNames().forEachRemaining(names::add);
            report.tokenShapes.put(client, new Report.TokenShape(entries, seeder.tokenLength(client), names));
            log("token of %s: %d entries, claims %s", client, entries, names);
            // The organization clients' tokens must carry Keycloak's own organization claim: else the
            // baselines would not pay Keycloak's organization work and the comparison would be void.
            if (Seeder.forOrganization(client) && !names.contains("organization")) {
                throw new IllegalStateException(client + ": no organization claim in " + names);
            }
        }
        if (report.tokenShapes.get(Seeder.CLIENT_A_ORG).entries() != 0) {
            throw new IllegalStateException("A-org carries permissions");
        }
        for (int n : options.integers("perm-counts")) {
            int b = report.tokenShapes.get(Seeder.clientB(n)).entries();
            int c = report.tokenShapes.get(Seeder.clientC(n)).entries();
            int bOrg = report.tokenShapes.get(Seeder.clientBOrg(n)).entries();
            int cOrg = report.tokenShapes.get(Seeder.clientCOrg(n)).entries();
            if (b != n || bOrg != n || c != n || cOrg != n) {
                throw new IllegalStateException("tier " + n + ": B carries " + b + " entries, B-org " + bOrg + ", C " + c + ", C-org " + cOrg);
            }
        }
    }

    // --- REST API ---------------------------------------------------------------------------------

    private void restPhase() throws Exception {
        String rbac = "/admin/realms/" + Seeder.REALM + "/rbac";
        int samples = options.integer("rest-samples");
        int reads = options.integer("rest-read-samples");
        Random random = new Random(7);
        List<String> users = seeder.userIds;

        try (RawGet raw = new RawGet(keycloak.baseUrl())) {
            for (int i = 0; i < 10; i++) {
                raw.timed(rbac + "/roles", admin.token(), 200);
            }
            readRow("GET /rbac/roles (" + (seeder.roleIds.size()) + " roles with member counts)", samples,
                    i -> raw.timed(rbac + "/roles", admin.token(), 200));

            int warmPool = Math.min(200, users.size());
            for (int i = 0; i < warmPool; i++) {
                raw.timed(rbac + "/users/" + users.get(i) + "/permissions", admin.token(), 200);
            }
            // The extension's read, Keycloak's own simplest admin read of the same user and Keycloak's
            // unauthenticated discovery document, taken in turn request by request: all three see the
            // same moments of the machine, so their tails compare fairly.
            String realm = "/admin/realms/" + Seeder.REALM;
            String wellKnown = "/realms/" + Seeder.REALM + "/.well-known/openid-configuration";
            int[] pick = new int[reads];
            for (int i = 0; i < reads; i++) {
                pick[i] = random.nextInt(warmPool);
            }
            interleavedRows(reads, List.of(
                    new Row("GET /rbac/users/{id}/permissions (warm)",
                            i -> raw.timed(rbac + "/users/" + users.get(pick[i]) + "/permissions", admin.token(), 200)),
                    new Row("Keycloak's own GET /users/{id} (warm), in turn with the row above",
                            i -> raw.timed(realm + "/users/" + users.get(pick[i]), admin.token(), 200)),
                    new Row("Keycloak's GET " + wellKnown.replace(Seeder.REALM, "{realm}") + " (no authentication), in turn with the rows above",
                            i -> raw.timed(wellKnown, admin.token(), 200))));
            int coldFrom = warmPool;
            int coldCount = Math.min(reads, users.size() - coldFrom);
            readRow("GET /rbac/users/{id}/permissions (cold: first read of the user)", coldCount,
                    i -> raw.timed(rbac + "/users/" + users.get(coldFrom + i) + "/permissions", admin.token(), 200));

            // The same reads by a delegated admin of the realm itself (manage_users, view-users; no owner).
            Admin reader = new Admin(keycloak.baseUrl(), Seeder.REALM, Seeder.CLIENT_REST, Seeder.SECRET);
            for (int i = 0; i < 20; i++) {
                raw.timed(rbac + "/users/" + users.get(i) + "/permissions", reader.token(), 200);
                raw.timed(realm + "/users/" + users.get(i), reader.token(), 200);
            }
            interleavedRows(reads, List.of(
                    new Row("GET /rbac/users/{id}/permissions (warm), as a realm user with manage_users",
                            i -> raw.timed(rbac + "/users/" + users.get(pick[i]) + "/permissions", reader.token(), 200)),
                    new Row("Keycloak's own GET /users/{id} (warm), as that realm user (view-users), in turn with the row above",
                            i -> raw.timed(realm + "/users/" + users.get(pick[i]), reader.token(), 200))));
            raw.timed(realm + "/roles?first=0&max=5000", admin.token(), 200);
            // Slow (every role is converted with its attributes): a tenth of the samples.
            readRow("Keycloak's own GET /roles?max=5000 (" + options.integers("perm-counts").stream().mapToInt(Integer::intValue).max().orElse(0)
                            + " realm roles and the defaults)", Math.max(10, samples / 10),
                    i -> raw.timed(realm + "/roles?first=0&max=5000", admin.token(), 200));
        }

        String extra = seeder.roleIds.get(Seeder.EXTRA_ROLE);
        long[] assign = new long[samples];
        long[] unassign = new long[samples];
        for (int i = 0; i < samples; i++) {
            String user = users.get(random.nextInt(users.size()));
            assign[i] = admin.timed("PUT", rbac + "/users/" + user + "/roles/" + extra, null, 204);
            unassign[i] = admin.timed("DELETE", rbac + "/users/" + user + "/roles/" + extra, null, 204);
        }
        report.rest("PUT /rbac/users/{id}/roles/{roleId} (assign)", assign);
        report.rest("DELETE /rbac/users/{id}/roles/{roleId} (unassign)", unassign);

        // Reorder: the roles at positions 101..200 move one place round a cycle, each time.
        int roles = options.integer("roles");
        int low = Math.min(101, Math.max(1, roles - 199));
        int size = Math.min(100, roles - low + 1);
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int p = low; p < low + size; p++) {
            positions.put(seeder.roleIds.get(Seeder.roleName(p)), p);
        }
        int reorders = Math.max(10, samples / 3);
        report.rest("PUT /rbac/roles/positions (" + size + " roles move; answers all roles)", repeat(reorders, i -> {
            List<Map<String, Object>> body = new ArrayList<>();
            positions.replaceAll((id, p) -> low + (p - low + 1) % size);
            positions.forEach((id, p) -> body.add(Map.of("id", id, "position", p)));
            return admin.timed("PUT", rbac + "/roles/positions", body, 200);
        }));
    }

    private interface Sample {
        long take(int i);
    }

    private record Row(String what, Sample sample) {
    }

    /**
     * Reads measured in turn, request by request ({@code n} of each), with the pauses of Keycloak's
     * collector over the whole group (every row of the group reports the same figure).
     */
    private void interleavedRows(int n, List<Row> rows) {
        KeycloakProcess.GcPauses before = keycloak.gcPauses();
        long[][] nanos = new long[rows.size()][n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rows.size(); r++) {
                nanos[r][i] = rows.get(r).sample().take(i);
            }
        }
        KeycloakProcess.GcPauses gc = keycloak.gcPauses().since(before);
        for (int r = 0; r < rows.size(); r++) {
            report.rest(rows.get(r).what(), nanos[r], gc);
        }
    }

    /** A read measured {@code n} times, with the pauses of Keycloak's collector meanwhile. */
    private void readRow(String what, int n, Sample sample) {
        interleavedRows(n, List.of(new Row(what, sample)));
    }

    private static long[] repeat(int n, Sample sample) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = sample.take(i);
        }
        return out;
    }

    // --- heap -----------------------------------------------------------------------------------

    /**
     * Live heap (GC.class_histogram forces a full GC and counts live objects): Keycloak's user cache
     * is emptied first (its admin API's clear-user-cache); then every user is read through Keycloak's
     * own admin API (user, role mappings, groups: what the extension's owner check makes Keycloak
     * load), then every user's effective permissions through the extension's API. The second
     * difference is what the extension's caches hold for those users.
     */
    /** JFR over REST loops (run after the REST and heap measurements). */
    private void restProfiles() throws Exception {
        String rbac = "/admin/realms/" + Seeder.REALM + "/rbac";
        List<String> users = seeder.userIds;
        Random random = new Random(11);
        int pool = Math.min(200, users.size());
        report.profiles.add(Profile.record(keycloak, "REST: 100 × GET /rbac/roles", () -> repeat(100, i -> admin.timed("GET", rbac + "/roles", null, 200))));
        report.profiles.add(Profile.record(keycloak, "REST: 500 × GET /rbac/users/{id}/permissions (warm)",
                () -> repeat(500, i -> admin.timed("GET", rbac + "/users/" + users.get(random.nextInt(pool)) + "/permissions", null, 200))));
    }

    private void heapPhase() throws Exception {
        String realm = "/admin/realms/" + Seeder.REALM;
        List<String> users = seeder.userIds;
        admin.post(realm + "/clear-user-cache", "", 204);
        Histogram h0 = Histogram.of(keycloak.jcmd("GC.class_histogram"));
        seeder.parallel(users.size(), i -> {
            admin.get(realm + "/users/" + users.get(i) + "/role-mappings");
            admin.get(realm + "/users/" + users.get(i) + "/groups");
        });
        Histogram h1 = Histogram.of(keycloak.jcmd("GC.class_histogram"));
        seeder.parallel(users.size(), i -> admin.get(realm + "/rbac/users/" + users.get(i) + "/permissions"));
        Histogram h2 = Histogram.of(keycloak.jcmd("GC.class_histogram"));
        report.heap(users.size(), h0, h1, h2);
    }

    // --- SQL per token ----------------------------------------------------------------------------

    /** Keycloak again, with every SQL statement logged: statements per cold and per warm token. */
    private void sqlPhase() throws Exception {
        log("restarting Keycloak with org.hibernate.SQL at debug");
        keycloak.start(List.of("--log-level=INFO,org.hibernate.SQL:debug"));
        admin = new Admin(keycloak.baseUrl());
        String rbac = "/admin/realms/" + Seeder.REALM + "/rbac";
        String extra = seeder.roleIds.get(Seeder.EXTRA_ROLE);
        List<Integer> tiers = options.integers("perm-counts");
        int warm = 20;

        String first = Seeder.clientC(tiers.get(tiers.size() - 1));
        report.sql("first token after boot (" + first + ": realm and user not cached)", 1, countSql(() -> token(first, 1)));
        for (int n : tiers) {
            String c = Seeder.clientC(n);
            String user = seeder.serviceAccounts.get(c);
            token(c, 2);
            admin.put(rbac + "/users/" + user + "/roles/" + extra, "", 204);
            admin.delete(rbac + "/users/" + user + "/roles/" + extra, null, 204);
            Thread.sleep(300);
            report.sql("C, " + n + " permissions, cold (after an assign + unassign through the REST API)", 1, countSql(() -> token(c, 1)));
            report.sql("C, " + n + " permissions, warm", warm, countSql(() -> token(c, warm)));

            // C-org, cold in both ladders: its entries of the realm's and of the organization's dropped.
            String cOrg = Seeder.clientCOrg(n);
            coldInBothLadders(cOrg);
            report.sql("C-org, " + n + " permissions, cold in both ladders (after an assign + unassign in each through the REST API)", 1,
                    countSql(() -> token(cOrg, 1)));
            report.sql("C-org, " + n + " permissions, warm", warm, countSql(() -> token(cOrg, warm)));
        }
        token(Seeder.CLIENT_A, 2);
        report.sql("A (no mapper), warm", warm, countSql(() -> token(Seeder.CLIENT_A, warm)));
        // A-org and B-org: the same assign + unassign as C-org's cold row, so their cold rows show what
        // Keycloak itself reads again for an organization token after those writes.
        coldInBothLadders(Seeder.CLIENT_A_ORG);
        report.sql("A-org (no mapper, organization scope), after the same assign + unassign as C-org's cold row", 1,
                countSql(() -> token(Seeder.CLIENT_A_ORG, 1)));
        report.sql("A-org (no mapper, organization scope), warm", warm, countSql(() -> token(Seeder.CLIENT_A_ORG, warm)));
        for (int n : tiers) {
            String b = Seeder.clientB(n);
            token(b, 2);
            report.sql("B, " + n + " realm roles, warm", warm, countSql(() -> token(b, warm)));
            String bOrg = Seeder.clientBOrg(n);
            coldInBothLadders(bOrg);
            report.sql("B-org, " + n + " realm roles, organization scope, after the same assign + unassign as C-org's cold row", 1,
                    countSql(() -> token(bOrg, 1)));
            report.sql("B-org, " + n + " realm roles, organization scope, warm", warm, countSql(() -> token(bOrg, warm)));
        }
        List<String> users = seeder.userIds;
        admin.get(rbac + "/roles");
        report.sql("REST GET /rbac/roles", 1, countSql(() -> admin.get(rbac + "/roles")));
        admin.get(rbac + "/users/" + users.get(0) + "/permissions");
        report.sql("REST GET /rbac/users/{id}/permissions, warm", 1,
                countSql(() -> admin.get(rbac + "/users/" + users.get(0) + "/permissions")));
        report.sql("REST PUT /rbac/users/{id}/roles/{roleId} (assign)", 1,
                countSql(() -> admin.put(rbac + "/users/" + users.get(0) + "/roles/" + extra, "", 204)));
        keycloak.stop();
    }

    /**
     * Two tokens of an organization client, then an assign and an unassign of a role to its
     * service-account user in the realm's ladder and in the organization's, through the REST API:
     * the extension's cache entries of the user in both ladders are dropped.
     */
    private void coldInBothLadders(String client) throws InterruptedException {
        String rbac = "/admin/realms/" + Seeder.REALM + "/rbac";
        String extra = seeder.roleIds.get(Seeder.EXTRA_ROLE);
        String member = seeder.serviceAccounts.get(client);
        String organization = rbac + "/organizations/" + seeder.organizationId;
        token(client, 2);
        admin.put(rbac + "/users/" + member + "/roles/" + extra, "", 204);
        admin.delete(rbac + "/users/" + member + "/roles/" + extra, null, 204);
        admin.put(organization + "/users/" + member + "/roles/" + seeder.organizationExtraRoleId, "", 204);
        admin.delete(organization + "/users/" + member + "/roles/" + seeder.organizationExtraRoleId, null, 204);
        Thread.sleep(300);
    }

    private void token(String client, int times) {
        for (int i = 0; i < times; i++) {
            admin.clientToken(Seeder.REALM, client, Seeder.SECRET);
        }
    }

    /** Statements Hibernate logged while {@code action} ran: [all, on RBAC_ tables]. */
    private long[] countSql(Runnable action) throws InterruptedException {
        admin.token();
        Thread.sleep(300);
        long mark = keycloak.logMark();
        action.run();
        Thread.sleep(500);
        List<String> lines = keycloak.logSince(mark).stream().filter(l -> l.contains("[org.hibernate.SQL]")).toList();
        // The admin token itself (fetched before the mark) is outside; what remains is the action's.
        long rbacCount = lines.stream().filter(l -> l.toUpperCase().contains("RBAC_")).count();
        return new long[]{lines.size(), rbacCount};
    }

    // --- database and files -----------------------------------------------------------------------

    private void recreateDatabase(boolean dropOnly) throws Exception {
        String name = options.str("db-name");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--db-name must be a plain identifier");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + options.str("db-host") + "/postgres",
                options.str("db-user"), "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            if (!dropOnly) {
                s.execute("CREATE DATABASE " + name);
            }
        }
        log(dropOnly ? "dropped database %s" : "created database %s", name);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
