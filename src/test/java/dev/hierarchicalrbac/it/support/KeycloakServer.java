package dev.hierarchicalrbac.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real Keycloak 26.7.0 distribution (unpacked by Maven from Maven Central) as a child
 * process, with the packaged provider jar in {@code providers/}, on the database of {@link Database}.
 *
 * <p>The shared server of a test run is brought up in two boots, which is itself a scenario the
 * tests check: first Keycloak alone creates the realm {@value #LEGACY_REALM}; then the jar is
 * installed and Keycloak boots again with the demo realm imported, so {@value #LEGACY_REALM} is a
 * realm that existed before the extension.
 */
public final class KeycloakServer {

    public static final String LEGACY_REALM = "legacy";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The admin console theme the jar ships; the demo realm selects it in realm-export.json. */
    public static final String ADMIN_THEME = "rbac";

    private static KeycloakServer shared;

    private final Database database;
    private final Path home;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    /** The kc.sh command and its mode's options: start-dev, or start for a cluster node. */
    private final List<String> launch;
    private Process process;

    private KeycloakServer(Database database, Path home) {
        this(database, home, List.of("start-dev"));
    }

    private KeycloakServer(Database database, Path home, List<String> launch) {
        this.database = database;
        this.home = home;
        this.log = home.resolve("keycloak.log");
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.launch = List.copyOf(launch);
    }

    /**
     * A Keycloak home for cluster nodes: the distribution with the jar, built once for production
     * mode with the embedded Infinispan cluster ({@code --cache=ispn}, Keycloak's default
     * database-backed JGroups discovery) on {@code database}. Each node gets a copy.
     */
    public static Path buildClusterHome(Database database, Path dir) throws IOException, InterruptedException {
        return buildClusterHome(database, dir, currentJar());
    }

    /** As {@link #buildClusterHome(Database, Path)}, with the given provider jar (e.g. an earlier release's). */
    public static Path buildClusterHome(Database database, Path dir, Path providerJar) throws IOException, InterruptedException {
        deleteTree(dir);
        Files.createDirectories(dir.getParent());
        copyTree(Path.of(required("it.keycloak.dist")), dir);
        installProvider(dir, providerJar);
        List<String> command = new ArrayList<>(List.of(dir.resolve("bin/kc.sh").toString(), "build",
                "--cache=ispn", "--health-enabled=true"));
        command.add(database.vendorOption());
        Process build = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(dir.resolve("build.log")));
        }
        return dir;
    }

    /**
     * Node {@code index} of a cluster on this machine: a copy of {@code builtHome} started in
     * production mode on loopback, with plain HTTP and its own HTTP, management and JGroups ports.
     */
    public static KeycloakServer clusterNode(Database database, Path builtHome, Path nodeHome, int index) throws IOException {
        deleteTree(nodeHome);
        copyTree(builtHome, nodeHome);
        int jgroupsPort = freePort();
        return new KeycloakServer(database, nodeHome, List.of("start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort,
                // One node per JVM on one host: a distinct name keeps the logs and the cluster view readable.
                "--spi-cache-embedded--default--node-name=node-" + index));
    }

    /**
     * A server of its own in {@code home} (a fresh copy of the distribution) with {@code providerJar}
     * installed, on {@code database} as it is: the caller decides whether to recreate it, so two
     * servers in turn (an upgrade) can boot on the same data. Not started.
     */
    public static KeycloakServer standalone(Database database, Path home, Path providerJar) throws IOException {
        deleteTree(home);
        Files.createDirectories(home.getParent());
        copyTree(Path.of(required("it.keycloak.dist")), home);
        installProvider(home, providerJar);
        return new KeycloakServer(database, home);
    }

    /** The jar this build packaged. */
    public static Path currentJar() {
        return Path.of(required("it.provider.jar"));
    }

    /** Puts {@code providerJar} in place of the extension's jar; a stopped start-dev server picks it up at its next start. */
    public void installProvider(Path providerJar) throws IOException {
        installProvider(home, providerJar);
    }

    private static void installProvider(Path home, Path providerJar) throws IOException {
        Files.copy(providerJar, home.resolve("providers/hierarchical-rbac.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The server shared by every test class of this JVM, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            try {
                shared = bootWithLegacyRealm();
            } catch (Exception e) {
                throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static KeycloakServer bootWithLegacyRealm() throws Exception {
        Database database = Database.current();
        Path work = Path.of(required("it.work.dir")).resolve(database.name().toLowerCase());
        Path home = work.resolve("keycloak");
        deleteTree(work);
        Files.createDirectories(work);
        copyTree(Path.of(required("it.keycloak.dist")), home);
        database.recreate(home);

        KeycloakServer server = new KeycloakServer(database, home);
        server.start(false);
        try (AdminClient admin = server.admin()) {
            admin.createRealm(LEGACY_REALM);
        }
        server.stop();

        server.installProvider(currentJar());
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(Path.of(required("it.realm.file")), imports.resolve("realm-export.json"),
                StandardCopyOption.REPLACE_EXISTING);
        server.start(true);
        try (AdminClient admin = server.admin()) {
            admin.selectAdminTheme("master");
        }
        return server;
    }

    public void start(boolean importRealms) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(launch);
        command.addAll(List.of(
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true"));
        command.addAll(database.keycloakOptions(home));
        if (importRealms) {
            command.add("--import-realm");
            // The boot with the extension logs every SQL statement, so tests can count what it issues.
            command.add("--log-level=INFO,org.hibernate.SQL:debug");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Keycloak defaults to 70% of RAM; two nodes and the test JVM share this machine.
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx1536m");
        Files.writeString(log, "\n==== " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        // Generous: a busy machine (several checkouts testing at once) boots far slower than CI.
        awaitReady(Duration.ofMinutes(Long.getLong("it.boot.timeout.minutes", 8)));
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://localhost:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "\n" + logTail());
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
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "\n" + logTail());
    }

    /** Kills the server abruptly (SIGKILL), as a crashed machine would stop. */
    public synchronized void kill() {
        end(true);
    }

    /** Waits until the server logs, after {@code mark}, a line that matches {@code pattern}. */
    public String awaitLogLine(long mark, java.util.regex.Pattern pattern, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : logSince(mark)) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no log line matching " + pattern + " within " + timeout + "\n" + logTail());
    }

    public synchronized void stop() {
        end(false);
    }

    /**
     * Ends the server's process tree: politely (SIGTERM, SIGKILL for what outlives a minute) or
     * abruptly (SIGKILL, and a process that survives even that is an error).
     */
    private void end(boolean abruptly) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(abruptly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (abruptly) {
                    throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL", e);
                }
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public Database database() {
        return database;
    }

    public Path home() {
        return home;
    }

    /** A client signed in as the master realm's bootstrap admin. */
    public AdminClient admin() {
        return AdminClient.signIn(baseUrl(), "master", "admin-cli", ADMIN, ADMIN_PASSWORD);
    }

    /** A direct connection to the database Keycloak uses, to check what was really stored. */
    public Connection jdbc() throws SQLException {
        return database.connect(home);
    }

    /** The server log's current length; pass it to {@link #logSince(long)}. */
    public long logMark() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines the server logged after {@code mark} (with org.hibernate.SQL at debug: every statement). */
    public List<String> logSince(long mark) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - mark)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through Maven (mvn verify)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static void deleteTree(Path root) throws IOException {
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
