package dev.hierarchicalrbac.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token issuance, client-credentials grant, A A-org B B-org C C-org interleaved: per tier (n entries
 * in B's, B-org's, C's and C-org's token), {@code rounds} closed-loop slices of each client in the
 * order A A-org B B-org C C-org A …, then {@code rounds} fixed-rate slices in the same order. The
 * requests of A-org, B-org and C-org ask for the organization ({@code scope=organization:<alias>}). The Keycloak process's CPU time is read from
 * /proc before and after every slice, so CPU per token counts only that client's slice, whatever
 * else the machine runs.
 */
final class TokenPhase {

    private final Options options;
    private final KeycloakProcess keycloak;
    private final Report report;

    TokenPhase(Options options, KeycloakProcess keycloak, Report report) {
        this.options = options;
        this.keycloak = keycloak;
        this.report = report;
    }

    /** Everything measured of one client in one tier. */
    static final class ClientRun {
        final String client;
        final List<Double> saturationThroughput = new ArrayList<>();
        long saturationTokens;
        long saturationTicks;
        final List<Double> saturationCpuPerRound = new ArrayList<>();
        long rateTokens;
        long rateTicks;
        final List<long[]> rateLatencies = new ArrayList<>();
        final List<long[]> saturationLatencies = new ArrayList<>();
        long errors;

        ClientRun(String client) {
            this.client = client;
        }

        double cpuMsPer1000(boolean saturation) {
            long tokens = saturation ? saturationTokens : rateTokens;
            long ticks = saturation ? saturationTicks : rateTicks;
            return tokens == 0 ? Double.NaN : ticks * KeycloakProcess.TICK_MILLIS * 1000.0 / tokens;
        }

        double medianThroughput() {
            return Stats.median(saturationThroughput.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** One tier's clients and the rate its latency slices ran at. */
    record Tier(int entries, double rate, ClientRun a, ClientRun aOrg, ClientRun b, ClientRun bOrg, ClientRun c, ClientRun cOrg) {

        /** The clients in the order their slices run. */
        List<ClientRun> all() {
            return List.of(a, aOrg, b, bOrg, c, cOrg);
        }

        String label(ClientRun r) {
            return r == a ? "A" : r == aOrg ? "A-org" : r == b ? "B" : r == bOrg ? "B-org" : r == c ? "C" : "C-org";
        }
    }

    private LoadGenerator generator(String client) {
        String scope = Seeder.scopeOf(client);
        String form = "grant_type=client_credentials&client_id=" + Admin.enc(client)
                + "&client_secret=" + Admin.enc(Seeder.SECRET) + (scope == null ? "" : "&scope=" + Admin.enc(scope));
        return new LoadGenerator("127.0.0.1", keycloak.httpPort, "/realms/" + Seeder.REALM + "/protocol/openid-connect/token", form);
    }

    void run() throws Exception {
        int connections = options.integer("connections");
        double warmup = options.decimal("warmup-seconds");
        List<Integer> tiers = options.integers("perm-counts");
        List<String> all = new ArrayList<>(List.of(Seeder.CLIENT_A, Seeder.CLIENT_A_ORG));
        tiers.forEach(n -> {
            all.add(Seeder.clientB(n));
            all.add(Seeder.clientBOrg(n));
            all.add(Seeder.clientC(n));
            all.add(Seeder.clientCOrg(n));
        });
        Bench.log("warm-up: %.0f s closed loop per client (%d clients)", warmup, all.size());
        for (String client : all) {
            generator(client).closedLoop(connections, warmup);
        }
        long machine0 = KeycloakProcess.machineBusyTicks();
        long keycloak0 = keycloak.cpuTicks();
        long self0 = KeycloakProcess.processTicks(ProcessHandle.current().pid());
        long wall0 = System.nanoTime();
        measure(connections);
        long others = KeycloakProcess.machineBusyTicks() - machine0 - (keycloak.cpuTicks() - keycloak0)
                - (KeycloakProcess.processTicks(ProcessHandle.current().pid()) - self0);
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        report.othersDuringTokens = String.format("%.0f core-seconds in %.0f s (%.0f%% of the machine's %d cores)",
                others * KeycloakProcess.TICK_MILLIS / 1000, wallSeconds,
                100.0 * others * KeycloakProcess.TICK_MILLIS / 1000 / wallSeconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        Bench.log("other processes during the token phase: %s", report.othersDuringTokens);
    }

    private void measure(int connections) throws Exception {
        List<Integer> tiers = options.integers("perm-counts");
        int rounds = options.integer("rounds");
        double slice = options.decimal("slice-seconds");
        double rateSlice = options.decimal("rate-slice-seconds");
        for (int n : tiers) {
            ClientRun a = new ClientRun(Seeder.CLIENT_A);
            ClientRun aOrg = new ClientRun(Seeder.CLIENT_A_ORG);
            ClientRun b = new ClientRun(Seeder.clientB(n));
            ClientRun bOrg = new ClientRun(Seeder.clientBOrg(n));
            ClientRun c = new ClientRun(Seeder.clientC(n));
            ClientRun cOrg = new ClientRun(Seeder.clientCOrg(n));
            Tier tier = new Tier(n, 0, a, aOrg, b, bOrg, c, cOrg);
            List<ClientRun> abc = tier.all();
            Map<String, LoadGenerator> gens = new LinkedHashMap<>();
            abc.forEach(r -> gens.put(r.client, generator(r.client)));

            for (int round = 0; round < rounds; round++) {
                for (ClientRun run : abc) {
                    long t0 = keycloak.cpuTicks();
                    LoadGenerator.Result result = gens.get(run.client).closedLoop(connections, slice);
                    long t1 = keycloak.cpuTicks();
                    run.saturationTokens += result.requests();
                    run.saturationTicks += t1 - t0;
                    run.saturationThroughput.add(result.throughput());
                    run.saturationCpuPerRound.add((t1 - t0) * KeycloakProcess.TICK_MILLIS * 1000.0 / result.requests());
                    run.saturationLatencies.add(result.latencyNanos());
                    run.errors += result.errors();
                }
                Bench.log("tier %d round %d saturation: A %.0f/s, A-org %.0f/s, B %.0f/s, B-org %.0f/s, C %.0f/s, C-org %.0f/s", n, round + 1,
                        last(a.saturationThroughput), last(aOrg.saturationThroughput), last(b.saturationThroughput),
                        last(bOrg.saturationThroughput), last(c.saturationThroughput), last(cOrg.saturationThroughput));
            }
            double rate = options.decimal("rate") > 0 ? options.decimal("rate")
                    : options.decimal("rate-fraction") * abc.stream().mapToDouble(ClientRun::medianThroughput).min().orElse(1);
            rate = Math.max(1, Math.floor(rate));
            for (int round = 0; round < rounds; round++) {
                for (ClientRun run : abc) {
                    long t0 = keycloak.cpuTicks();
                    LoadGenerator.Result result = gens.get(run.client).fixedRate(rate, rateSlice, 16);
                    long t1 = keycloak.cpuTicks();
                    run.rateTokens += result.requests();
                    run.rateTicks += t1 - t0;
                    run.rateLatencies.add(result.latencyNanos());
                    run.errors += result.errors();
                }
                Bench.log("tier %d round %d fixed rate %.0f/s done", n, round + 1, rate);
            }
            report.tiers.add(new Tier(n, rate, a, aOrg, b, bOrg, c, cOrg));
            Bench.log("tier %d: CPU ms/1000 tokens A %.0f A-org %.0f B %.0f B-org %.0f C %.0f C-org %.0f", n, a.cpuMsPer1000(true),
                    aOrg.cpuMsPer1000(true), b.cpuMsPer1000(true), bOrg.cpuMsPer1000(true), c.cpuMsPer1000(true), cOrg.cpuMsPer1000(true));
        }
    }

    /**
     * JFR over extra closed-loop slices of A, B and C of the smallest and the largest tier, and of
     * A-org and C-org of the smallest, after every measured slice: a recording deoptimises code, and
     * the JIT work that follows it would otherwise land in the next tier's CPU figures.
     */
    void profile() throws Exception {
        int connections = options.integer("connections");
        List<Integer> tiers = options.integers("perm-counts");
        List<Integer> profiled = tiers.size() == 1 ? tiers : List.of(tiers.get(0), tiers.get(tiers.size() - 1));
        for (int n : profiled) {
            List<String> clients = new ArrayList<>(List.of(Seeder.CLIENT_A, Seeder.clientB(n), Seeder.clientC(n)));
            if (n == tiers.get(0)) {
                clients.addAll(List.of(Seeder.CLIENT_A_ORG, Seeder.clientCOrg(n)));
            }
            for (String client : clients) {
                LoadGenerator g = generator(client);
                report.profiles.add(Profile.record(keycloak, "closed loop, " + connections + " connections, 10 s: `" + client + "`",
                        () -> g.closedLoop(connections, 10)));
            }
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

}
