package dev.hierarchicalrbac.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the figures of a run and writes them as markdown into docs/benchmarks.md, between the
 * markers {@value #BEGIN} and {@value #END}; text outside the markers (analysis written by hand)
 * is kept.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin (written by bench/run.sh; edit outside these markers) -->";
    static final String END = "<!-- bench:end -->";

    record TokenShape(int entries, int bytes, List<String> claims) {
    }

    /** @param gc Keycloak's collector pauses while the row was measured, or null where not counted */
    private record RestRow(String what, long[] sortedNanos, KeycloakProcess.GcPauses gc) {
    }

    private record SqlRow(String what, int tokens, long all, long rbac) {
    }

    private final Options options;
    final List<String> failures = new ArrayList<>();
    final Map<String, TokenShape> tokenShapes = new LinkedHashMap<>();
    final List<TokenPhase.Tier> tiers = new ArrayList<>();
    private final List<RestRow> rest = new ArrayList<>();
    private final List<SqlRow> sql = new ArrayList<>();
    private final StringBuilder seeding = new StringBuilder();
    private final StringBuilder heap = new StringBuilder();
    final List<Profile> profiles = new ArrayList<>();
    String keycloakCommand = "";
    String othersDuringTokens = "not measured";
    private String started;
    private String loadBefore;
    private String loadAfter;
    private String othersBefore;
    private String othersAfter;
    private double runSeconds;

    Report(Options options) {
        this.options = options;
    }

    // --- collecting -------------------------------------------------------------------------------

    void machineBefore() {
        started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        loadBefore = loadAverage();
        othersBefore = otherJavaProcesses();
    }

    void machineAfter(double seconds) {
        runSeconds = seconds;
        loadAfter = loadAverage();
        othersAfter = otherJavaProcesses();
    }

    void seeding(Seeder seeder) {
        seeding.append(String.format("%,d users, %,d admin roles (+ `@everyone` and one spare role), %,d custom permissions "
                        + "(+ 8 built-in), %,d admin-role assignments (1–%d per user, uniform, %.1f on average).%n%n",
                seeder.userIds.size(), options.integer("roles"), options.integer("permissions"), seeder.assignments,
                options.integer("max-roles-per-user"), seeder.assignments / (double) Math.max(1, seeder.userIds.size())));
        seeding.append("| step | seconds |\n|---|---:|\n");
        seeder.seconds.forEach((k, v) -> seeding.append(String.format("| %s | %.1f |%n", k, v)));
    }

    void rest(String what, long[] nanos) {
        rest(what, nanos, null);
    }

    void rest(String what, long[] nanos, KeycloakProcess.GcPauses gc) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        rest.add(new RestRow(what, sorted, gc));
        Bench.log("%s: p50 %s ms, p99 %s ms", what, Stats.ms(Stats.percentileMs(sorted, 50)), Stats.ms(Stats.percentileMs(sorted, 99)));
    }

    void sql(String what, int tokens, long[] counts) {
        sql.add(new SqlRow(what, tokens, counts[0], counts[1]));
        Bench.log("SQL %s: %d statements, %d on RBAC_ tables", what, counts[0], counts[1]);
    }

    void heap(int users, Histogram h0, Histogram h1, Histogram h2) {
        String userData = "dev.hierarchicalrbac.store.cache.RbacCache$UserData";
        long kc = h1.totalBytes() - h0.totalBytes();
        long ext = h2.totalBytes() - h1.totalBytes();
        long newEntries = h2.row(userData)[0] - h1.row(userData)[0];
        heap.append(String.format("Live heap from `jcmd <pid> GC.class_histogram` (it runs a full GC first) at three points: "
                + "after Keycloak's user cache was emptied (`POST /admin/realms/bench/clear-user-cache`) (A); after reading every one of "
                + "the %,d users' role mappings and groups through Keycloak's own admin API, which fills Keycloak's user cache with what "
                + "the extension's owner check needs (B); after reading every user's effective permissions through the extension's API, "
                + "which fills the extension's user cache (C). Users read earlier in the run (REST phase) were already in the "
                + "extension's cache at A and B, so C−B is divided by the entries it added.%n%n", users));
        heap.append("| | live heap | difference | entries added | per entry |\n|---|---:|---:|---:|---:|\n");
        heap.append(String.format("| A: Keycloak's user cache empty | %s | | | |%n", mib(h0.totalBytes())));
        heap.append(String.format("| B: Keycloak's user cache warm | %s | %s | %,d users | %s |%n", mib(h1.totalBytes()), mib(kc), users, bytesPer(kc, users)));
        heap.append(String.format("| C: the extension's user cache warm too | %s | **%s** | %,d entries | **%s** |%n%n", mib(h2.totalBytes()), mib(ext),
                newEntries, bytesPer(ext, (int) Math.max(1, newEntries))));
        heap.append("What grew from B to C, by class (the extension's entries hold role ids as strings in immutable sets):\n\n");
        heap.append("| class | instances | bytes |\n|---|---:|---:|\n");
        h2.byClass().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{e.getValue()[0] - h1.row(e.getKey())[0], e.getValue()[1] - h1.row(e.getKey())[1]}))
                .filter(e -> e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(10)
                .forEach(e -> heap.append(String.format("| `%s` | %,d | %,d |%n", e.getKey(), e.getValue()[0], e.getValue()[1])));
        long[] realmData = h2.row("dev.hierarchicalrbac.domain.AdminRole");
        heap.append(String.format("%nThe realm's cached catalogue and roles (present throughout): %,d `AdminRole` and %,d `Permission` objects.%n",
                realmData[0], h2.row("dev.hierarchicalrbac.domain.Permission")[0]));
        Bench.log("heap: Keycloak user cache %s, extension %s for %d entries", mib(kc), mib(ext), newEntries);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String bytesPer(long bytes, int users) {
        return String.format("%,d B", bytes / Math.max(1, users));
    }

    // --- writing ----------------------------------------------------------------------------------

    void write(Path out) throws Exception {
        String body = render();
        String text;
        if (Files.exists(out)) {
            String old = Files.readString(out);
            int b = old.indexOf(BEGIN);
            int e = old.indexOf(END);
            text = b >= 0 && e > b ? old.substring(0, b) + body + old.substring(e + END.length()) : old + "\n" + body + "\n";
        } else {
            text = "# Benchmarks\n\n" + body + "\n";
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    private String render() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("## Recorded run\n\n");
        md.append(String.format("%s, %.0f minutes, `./bench/run.sh %s`%n%n", started, runSeconds / 60, options.summary()));
        if (!failures.isEmpty()) {
            md.append("**Phases that failed:** ").append(String.join("; ", failures)).append("\n\n");
        }
        md.append(machine());
        md.append(tokens());
        md.append(targets());
        md.append(sqlSection());
        md.append(restSection());
        if (heap.length() > 0) {
            md.append("### Heap of the extension's caches\n\n").append(heap).append('\n');
        }
        if (!profiles.isEmpty()) {
            md.append("### Profiles\n\n");
            md.append("JFR in the Keycloak process (`jcmd <pid> JFR.start settings=profile`, then `jfr print --events jdk.ExecutionSample`), "
                    + "summarised: the share of samples with a frame of `dev.hierarchicalrbac` on the stack, the top frames of all samples, "
                    + "and for the samples inside the extension its innermost frame with the top frame.\n\n");
            profiles.forEach(p -> md.append(profileSection(p)));
        }
        md.append("### Dataset and seeding\n\n").append(seeding).append('\n');
        md.append(END);
        return md.toString();
    }

    private String machine() {
        StringBuilder md = new StringBuilder("### Machine\n\n| | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| RAM | ").append(memTotal()).append(" |\n");
        md.append("| JDK | ").append(javaVersion()).append(" |\n");
        md.append("| Keycloak | ").append(read(options.path("dist").resolve("version.txt").toString()).replace("Keycloak - Version ", ""))
                .append(", `").append(keycloakCommand.replace("|", "\\|")).append("`, `JAVA_OPTS_KC_HEAP=").append(options.str("heap")).append("` |\n");
        md.append("| PostgreSQL | ").append(postgresVersion()).append(", on the same machine |\n");
        md.append("| load average before / after | ").append(loadBefore).append(" / ").append(loadAfter).append(" |\n");
        md.append("| other java processes before / after | ").append(othersBefore).append(" / ").append(othersAfter).append(" |\n");
        md.append("| CPU used by other processes during the token phase | ").append(othersDuringTokens)
                .append(" (machine busy ticks from /proc/stat minus Keycloak's and the load generator's) |\n\n");
        return md.toString();
    }

    private String tokens() {
        if (tiers.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Token issuance (client-credentials grant)\n\n");
        md.append(String.format("A: no extra mapper. B: Keycloak's `oidc-usermodel-realm-role-mapper`, n realm roles. C: `rbac-effective-permissions-mapper`, "
                        + "10 admin roles giving n effective permissions. C-org: C's mapper with the active organization merged, C's 10 admin roles, "
                        + "and a member of the organization `" + Seeder.ORGANIZATION + "` holding one role of its ladder with the same n permissions. "
                        + "A-org and B-org: A's and B's clients as members of the same organization, Keycloak's own organization token without the extension. "
                        + "The requests of A-org, B-org and C-org ask for `scope=" + Seeder.ORGANIZATION_SCOPE + "`. "
                        + "Each of the %d rounds runs a %s s closed-loop slice (%d connections) of A, A-org, B, B-org, C, C-org in turn, "
                        + "then each round a %s s fixed-rate slice of each in the same order (open loop, latency counted from each request's due time). "
                        + "CPU = utime+stime of the Keycloak java process over the slices, per 1,000 tokens.%n%n",
                options.integer("rounds"), options.str("slice-seconds"), options.integer("connections"), options.str("rate-slice-seconds")));
        md.append("| n | client | token bytes | CPU ms / 1,000 tokens, closed loop | CPU ms / 1,000 tokens, fixed rate | throughput at saturation, tokens/s | fixed rate, tokens/s | p50 ms | p99 ms | errors |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TokenPhase.Tier t : tiers) {
            for (TokenPhase.ClientRun r : t.all()) {
                long[] lat = Stats.merge(r.rateLatencies);
                TokenShape shape = tokenShapes.get(r.client);
                md.append(String.format("| %d | %s %s | %s | %.0f | %.0f | %.0f | %.0f | %s | %s | %d |%n", t.entries(),
                        t.label(r), "`" + r.client + "`",
                        shape == null ? "–" : String.format("%,d", shape.bytes()),
                        r.cpuMsPer1000(true), r.cpuMsPer1000(false), r.medianThroughput(), t.rate(),
                        Stats.ms(Stats.percentileMs(lat, 50)), Stats.ms(Stats.percentileMs(lat, 99)), r.errors));
            }
        }
        md.append("\nRatios (C over A, C over B; CPU: lower is better, throughput: higher is better):\n\n");
        md.append("| n | CPU C/A closed loop | CPU C/B closed loop | CPU C/A fixed rate | CPU C/B fixed rate | throughput C/A | throughput C/B | CPU C/B per round (closed loop) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (TokenPhase.Tier t : tiers) {
            List<String> perRound = new ArrayList<>();
            for (int i = 0; i < t.c().saturationCpuPerRound.size(); i++) {
                perRound.add(String.format("%.2f", t.c().saturationCpuPerRound.get(i) / t.b().saturationCpuPerRound.get(i)));
            }
            md.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |%n", t.entries(),
                    t.c().cpuMsPer1000(true) / t.a().cpuMsPer1000(true), t.c().cpuMsPer1000(true) / t.b().cpuMsPer1000(true),
                    t.c().cpuMsPer1000(false) / t.a().cpuMsPer1000(false), t.c().cpuMsPer1000(false) / t.b().cpuMsPer1000(false),
                    t.c().medianThroughput() / t.a().medianThroughput(), t.c().medianThroughput() / t.b().medianThroughput(),
                    String.join(" ", perRound)));
        }
        md.append("\nRatios of C-org (the same token as C, issued for the organization) over the organization baselines A-org and B-org "
                + "(the same organization token, issued by Keycloak alone); CPU per round is C-org/B-org:\n\n");
        md.append("| n | CPU C-org/A-org closed loop | CPU C-org/B-org closed loop | CPU C-org/A-org fixed rate | CPU C-org/B-org fixed rate "
                + "| throughput C-org/A-org | throughput C-org/B-org | CPU C-org/B-org per round (closed loop) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (TokenPhase.Tier t : tiers) {
            List<String> perRound = new ArrayList<>();
            for (int i = 0; i < t.cOrg().saturationCpuPerRound.size(); i++) {
                perRound.add(String.format("%.2f", t.cOrg().saturationCpuPerRound.get(i) / t.bOrg().saturationCpuPerRound.get(i)));
            }
            md.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |%n", t.entries(),
                    t.cOrg().cpuMsPer1000(true) / t.aOrg().cpuMsPer1000(true), t.cOrg().cpuMsPer1000(true) / t.bOrg().cpuMsPer1000(true),
                    t.cOrg().cpuMsPer1000(false) / t.aOrg().cpuMsPer1000(false), t.cOrg().cpuMsPer1000(false) / t.bOrg().cpuMsPer1000(false),
                    t.cOrg().medianThroughput() / t.aOrg().medianThroughput(), t.cOrg().medianThroughput() / t.bOrg().medianThroughput(),
                    String.join(" ", perRound)));
        }
        md.append("\nFor information, what an organization token costs over the same token without the organization: Keycloak's own "
                + "(A-org/A, B-org/B) and with the extension (C-org/C). Not targets: the organization scope's own work is in all three.\n\n");
        md.append("| n | CPU A-org/A closed loop | CPU B-org/B closed loop | CPU C-org/C closed loop | CPU C-org/C fixed rate | throughput C-org/C |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (TokenPhase.Tier t : tiers) {
            md.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", t.entries(),
                    t.aOrg().cpuMsPer1000(true) / t.a().cpuMsPer1000(true), t.bOrg().cpuMsPer1000(true) / t.b().cpuMsPer1000(true),
                    t.cOrg().cpuMsPer1000(true) / t.c().cpuMsPer1000(true), t.cOrg().cpuMsPer1000(false) / t.c().cpuMsPer1000(false),
                    t.cOrg().medianThroughput() / t.c().medianThroughput()));
        }
        md.append("\nClaims of each client's access token (checked before measuring; B, B-org, C and C-org carry n entries in `permissions`, "
                + "A-org, B-org and C-org Keycloak's `organization` claim):\n\n");
        tokenShapes.forEach((client, shape) -> md.append(String.format("- `%s`: %d entries, %,d bytes, claims %s%n",
                client, shape.entries(), shape.bytes(), String.join(", ", shape.claims()))));
        md.append('\n');
        return md.toString();
    }

    private String targets() {
        StringBuilder md = new StringBuilder("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
        if (!tiers.isEmpty()) {
            List<String> cb = new ArrayList<>();
            boolean cbMet = true;
            for (TokenPhase.Tier t : tiers) {
                double r = t.c().cpuMsPer1000(true) / t.b().cpuMsPer1000(true);
                cb.add(String.format("n=%d: %.3f", t.entries(), r));
                cbMet &= r <= 1.0;
            }
            md.append(String.format("| CPU per token C/B ≤ 1.0 at every n (closed loop) | %s | %s |%n", String.join(", ", cb), yes(cbMet)));
            TokenPhase.Tier first = tiers.get(0);
            double ca = first.c().cpuMsPer1000(true) / first.a().cpuMsPer1000(true);
            md.append(String.format("| CPU per token C/A ≤ 1.03 at n=%d (closed loop) | %.3f | %s |%n", first.entries(), ca, yes(ca <= 1.03)));
            // C-org against Keycloak's own organization tokens (A-org, B-org): the organization scope's
            // work is Keycloak's and in both, so the ratio is the extension's share alone.
            List<String> cOrgB = new ArrayList<>();
            boolean cOrgBMet = true;
            for (TokenPhase.Tier t : tiers) {
                double r = t.cOrg().cpuMsPer1000(true) / t.bOrg().cpuMsPer1000(true);
                cOrgB.add(String.format("n=%d: %.3f", t.entries(), r));
                cOrgBMet &= r <= 1.0;
            }
            md.append(String.format("| CPU per token C-org/B-org ≤ 1.0 at every n (closed loop) | %s | %s |%n", String.join(", ", cOrgB), yes(cOrgBMet)));
            double cOrgA = first.cOrg().cpuMsPer1000(true) / first.aOrg().cpuMsPer1000(true);
            md.append(String.format("| CPU per token C-org/A-org ≤ 1.03 at n=%d (closed loop) | %.3f | %s |%n", first.entries(), cOrgA, yes(cOrgA <= 1.03)));
        }
        for (String row : List.of("C", "C-org")) {
            List<SqlRow> warm = sql.stream().filter(r -> r.what().startsWith(row + ",") && r.what().endsWith("warm")).toList();
            List<SqlRow> cold = sql.stream().filter(r -> r.what().startsWith(row + ",") && r.what().contains("cold")).toList();
            if (!warm.isEmpty()) {
                long warmRbac = warm.stream().mapToLong(SqlRow::rbac).sum();
                md.append(String.format("| 0 statements on RBAC_ tables per warm token (%s) | %d in %d warm tokens | %s |%n", row, warmRbac,
                        warm.stream().mapToInt(SqlRow::tokens).sum(), yes(warmRbac == 0)));
            }
            if (!cold.isEmpty()) {
                List<Long> counts = cold.stream().map(SqlRow::rbac).toList();
                boolean constant = counts.stream().distinct().count() == 1;
                md.append(String.format("| a cold token costs a constant number of statements (%s) | %s for n = %s | %s |%n", row, counts,
                        tiers.isEmpty() ? options.str("perm-counts") : tiers.stream().map(t -> Integer.toString(t.entries())).toList(), yes(constant)));
            }
        }
        for (RestRow r : rest) {
            if (r.what().startsWith("GET /rbac/users/{id}/permissions (warm)")) {
                double p99 = Stats.percentileMs(r.sortedNanos(), 99);
                md.append(String.format("| effective permissions p99 < 5 ms (REST, %s) | %s ms | %s |%n",
                        r.what().contains("realm user") ? "a realm user with manage_users" : "the master realm's admin", Stats.ms(p99), yes(p99 < 5)));
            }
            if (r.what().startsWith("GET /rbac/roles")) {
                double p99 = Stats.percentileMs(r.sortedNanos(), 99);
                md.append(String.format("| listing %d roles p99 < 50 ms (REST) | %s ms | %s |%n", options.integer("roles"), Stats.ms(p99), yes(p99 < 50)));
            }
        }
        return md.append('\n').toString();
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    private String sqlSection() {
        if (sql.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### SQL statements\n\n");
        md.append("Keycloak restarted with `--log-level=INFO,org.hibernate.SQL:debug`; every statement Hibernate logged between two marks "
                + "in the log, all of them and those naming an `RBAC_` table. Cold: the extension's cache entry of the service-account "
                + "user was dropped by assigning and unassigning a role through the REST API just before.\n\n");
        md.append("| what | requests | statements, all | on RBAC_ tables | RBAC_ per request |\n|---|---:|---:|---:|---:|\n");
        for (SqlRow r : sql) {
            md.append(String.format("| %s | %d | %d | %d | %s |%n", r.what(), r.tokens(), r.all(), r.rbac(),
                    String.format("%.2f", r.rbac() / (double) r.tokens())));
        }
        return md.append('\n').toString();
    }

    private String restSection() {
        if (rest.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### REST API\n\n");
        md.append("One request at a time as the master realm's admin, an owner of the realm, unless the row names a realm user (the "
                + "service account of `bench-rest`, holding an admin role with `manage_users` and Keycloak's `view-users`); latency from "
                + "sending to the last byte of the answer. Reads go over one plain keep-alive socket (`RawGet`: no client threads, "
                + "next to no client garbage), writes through java.net.http. For the reads, the last columns count the requests over "
                + "5 ms and the stop-the-world pauses of Keycloak's garbage collector during the row (`jcmd PerfCounter.print`).\n\n");
        md.append("| request | n | p50 ms | p90 ms | p99 ms | max ms | over 5 ms | Keycloak GC pauses during the row |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (RestRow r : rest) {
            long[] v = r.sortedNanos();
            long over = java.util.Arrays.stream(v).filter(ns -> ns > 5_000_000L).count();
            md.append(String.format("| %s | %d | %s | %s | %s | %s | %s | %s |%n", r.what(), v.length,
                    Stats.ms(Stats.percentileMs(v, 50)), Stats.ms(Stats.percentileMs(v, 90)), Stats.ms(Stats.percentileMs(v, 99)),
                    Stats.ms(Stats.percentileMs(v, 100)), r.gc() == null ? "" : Long.toString(over),
                    r.gc() == null ? "" : String.format("%d, %s ms in all", r.gc().count(), Stats.ms(r.gc().millis()))));
        }
        return md.append('\n').toString();
    }

    private static String profileSection(Profile profile) {
        StringBuilder md = new StringBuilder();
        md.append(String.format("#### %s%n%n%,d samples, %,d of them (%.1f%%) inside the extension.%n%n",
                profile.label(), profile.samples(), profile.inExtension(), 100.0 * profile.inExtension() / Math.max(1, profile.samples())));
        md.append("<details><summary>top frames</summary>\n\n| samples | top frame |\n|---:|---|\n");
        profile.topFrames().forEach((f, n) -> md.append(String.format("| %d | `%s` |%n", n, f)));
        if (!profile.extensionFrames().isEmpty()) {
            md.append("\n| samples | innermost frame of the extension  ←  top frame |\n|---:|---|\n");
            profile.extensionFrames().forEach((f, n) -> md.append(String.format("| %d | `%s` |%n", n, f)));
        }
        return md.append("\n</details>\n\n").toString();
    }

    // --- the machine ------------------------------------------------------------------------------

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static String loadAverage() {
        String[] f = read("/proc/loadavg").split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    private static String memTotal() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("?");
    }

    private static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static String postgresVersion() {
        return run("psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "show server_version").trim();
    }

    /** Java processes other than this one and the Keycloak it started (e.g. other engineers' builds). */
    private static String otherJavaProcesses() {
        long self = ProcessHandle.current().pid();
        long count = ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.parent().map(pp -> pp.pid() != self && pp.parent().map(g -> g.pid() != self).orElse(true)).orElse(true))
                .count();
        return Long.toString(count);
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "?";
        }
    }
}
