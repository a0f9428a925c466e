package dev.hierarchicalrbac.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options, {@code --name=value}; every one has a default (see {@link #DEFAULTS}). */
final class Options {

    /** Name, default value, meaning; the order is the order of {@code --help}. */
    private static final String[][] DEFAULTS = {
            {"users", "10000", "users in the realm (each holds 1..max-roles-per-user admin roles)"},
            {"roles", "1000", "admin roles"},
            {"permissions", "1000", "custom permissions in the catalogue (besides the 8 built-ins)"},
            {"max-roles-per-user", "50", "upper bound of admin roles a seeded user holds (uniform 1..n)"},
            {"perm-counts", "10,100,1000", "entries in the token for B and C, one tier each"},
            {"rounds", "8", "interleaved A B C rounds per tier and kind of slice"},
            {"slice-seconds", "5", "length of one closed-loop (saturation) slice"},
            {"rate-slice-seconds", "5", "length of one fixed-rate (latency) slice"},
            {"connections", "4", "connections of a closed-loop slice"},
            {"rate-fraction", "0.5", "fixed rate as a fraction of the tier's slowest saturation throughput"},
            {"rate", "0", "fixed rate in tokens/s (overrides rate-fraction when > 0)"},
            {"warmup-seconds", "8", "closed-loop warm-up per client before measuring"},
            {"rest-samples", "300", "requests per REST write measurement and role listing (reorder: a third of it)"},
            {"rest-read-samples", "1000", "requests per REST read measurement (effective permissions, Keycloak's GET /users/{id})"},
            {"seed-threads", "4", "parallel requests while seeding assignments and warming caches"},
            {"heap", "-Xms1g -Xmx2g", "JAVA_OPTS_KC_HEAP of Keycloak"},
            {"db-host", "127.0.0.1:5432", "PostgreSQL server"},
            {"db-user", "postgres", "PostgreSQL user (trust auth)"},
            {"db-name", "rbac_bench", "database the run drops, creates and drops again"},
            {"keep-db", "false", "leave the database in place at the end"},
            {"dist", "target/keycloak-dist/keycloak-26.7.0", "unpacked Keycloak distribution"},
            {"jar", "target/keycloak-hierarchical-rbac-0.1.0-SNAPSHOT.jar", "the provider jar"},
            {"work", "target/bench", "working directory (Keycloak home copy, logs)"},
            {"out", "docs/benchmarks.md", "markdown report to write"},
            {"skip-sql", "false", "skip the SQL-count phase (it restarts Keycloak with SQL logging)"},
            {"skip-heap", "false", "skip the heap phase"},
            {"profile", "true", "record JFR over extra A, B, C slices of the smallest and largest tier and REST loops; summarise top frames"},
            {"seed", "42", "random seed of the dataset"},
    };

    private final Map<String, String> values = new LinkedHashMap<>();

    static Options parse(String[] args) {
        Options options = new Options();
        for (String[] d : DEFAULTS) {
            options.values.put(d[0], d[1]);
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(help());
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + help());
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "true" : body.substring(eq + 1);
            if (!options.values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + help());
            }
            options.values.put(name, value);
        }
        return options;
    }

    static String help() {
        StringBuilder sb = new StringBuilder("Options (--name=value):\n");
        for (String[] d : DEFAULTS) {
            sb.append(String.format("  --%-20s %-42s %s%n", d[0], "(" + d[1] + ")", d[2]));
        }
        return sb.toString();
    }

    String str(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name).trim());
    }

    double decimal(String name) {
        return Double.parseDouble(values.get(name).trim());
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name).trim());
    }

    Path path(String name) {
        return Path.of(values.get(name)).toAbsolutePath();
    }

    List<Integer> integers(String name) {
        return Arrays.stream(values.get(name).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** The options as given, for the report. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (!List.of("dist", "jar", "work", "out", "db-host", "db-user").contains(k)) {
                sb.append(sb.length() == 0 ? "" : " ").append("--").append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v);
            }
        });
        return sb.toString();
    }
}
