package dev.hierarchicalrbac.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Keycloak distribution as a child process ({@code kc.sh start}, production mode, local
 * cache, PostgreSQL), and what the benchmark reads of it: the java process's CPU time from
 * {@code /proc/<pid>/stat}, its log, and {@code jcmd}.
 */
final class KeycloakProcess {

    private final Path home;
    private final Path log;
    private final List<String> dbOptions;
    private final String heap;
    private final int users;
    final int httpPort = freePort();
    final int managementPort = freePort();
    private Process process;
    private long javaPid;
    private List<String> lastCommand = List.of();

    KeycloakProcess(Path home, List<String> dbOptions, String heap, int users) {
        this.home = home;
        this.log = home.resolve("keycloak.log");
        this.dbOptions = dbOptions;
        this.heap = heap;
        this.users = users;
    }

    /** Starts {@code kc.sh start} and waits for /health/ready; {@code extra} are more options. */
    void start(List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--http-enabled=true", "--hostname-strict=false",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--cache=local",
                // Keycloak's own user cache holds every seeded user (default 10,000), so the heap
                // phase compares like with like.
                "--cache-embedded-users-max-count=" + Math.max(10_000, users + 1_000)));
        command.addAll(dbOptions);
        command.addAll(extra);
        lastCommand = command;
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("JAVA_OPTS_KC_HEAP", heap);
        Files.writeString(log, "\n==== " + String.join(" ", command) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = builder.start();
        // A machine shared with other builds may boot far slower: java -Dbench.boot.minutes=30 -jar bench.jar …
        awaitReady(Duration.ofMinutes(Long.getLong("bench.boot.minutes", 10)));
        javaPid = findJavaPid();
    }

    /** The options of the last start, with the home directory shortened, for the report. */
    String commandLine() {
        return String.join(" ", lastCommand).replace(home.toString(), "$KC_HOME")
                .replaceAll("--http(-management)?-port=\\d+ ", "");
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(1000);
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + log);
    }

    /** kc.sh runs java as a child, or execs it after a re-augmentation: whichever runs Quarkus now. */
    private long findJavaPid() {
        List<ProcessHandle> candidates = new ArrayList<>();
        candidates.add(process.toHandle());
        candidates.addAll(process.descendants().toList());
        for (ProcessHandle handle : candidates) {
            Optional<String> cmd = handle.info().command();
            if (cmd.isPresent() && cmd.get().endsWith("/java")) {
                return handle.pid();
            }
        }
        throw new IllegalStateException("no java process under kc.sh (pid " + process.pid() + ")");
    }

    long pid() {
        return javaPid;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** utime + stime of the Keycloak java process, in clock ticks (see {@link #TICK_MILLIS}). */
    long cpuTicks() {
        return processTicks(javaPid);
    }

    /** Busy clock ticks of the whole machine, all cores (/proc/stat: user, nice, system, irq, softirq, steal). */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime of a process, in clock ticks. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", field 3 (state) is index 0; utime is field 14, stime field 15.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds per clock tick (USER_HZ, 100 on Linux). */
    static final double TICK_MILLIS = 1000.0 / clockTicksPerSecond();

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** Runs {@code jcmd <pid> <args>} and answers its output. */
    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(javaPid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Stop-the-world pauses of Keycloak's garbage collector so far. */
    record GcPauses(long count, double millis) {
        GcPauses since(GcPauses before) {
            return new GcPauses(count - before.count, millis - before.millis);
        }
    }

    /**
     * The JVM's own pause counters ({@code jcmd <pid> PerfCounter.print}: {@code sun.gc.collector.N.
     * invocations} and {@code .time} of every collector, in ticks of {@code sun.os.hrt.frequency}).
     */
    GcPauses gcPauses() {
        try {
            long count = 0;
            long ticks = 0;
            double frequency = 1e9;
            for (String line : jcmd("PerfCounter.print").split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim();
                if (name.matches("sun\\.gc\\.collector\\.\\d+\\.invocations")) {
                    count += Long.parseLong(value);
                } else if (name.matches("sun\\.gc\\.collector\\.\\d+\\.time")) {
                    ticks += Long.parseLong(value);
                } else if (name.equals("sun.os.hrt.frequency")) {
                    frequency = Double.parseDouble(value);
                }
            }
            return new GcPauses(count, ticks * 1000.0 / frequency);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long logMark() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> logSince(long mark) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - mark)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
