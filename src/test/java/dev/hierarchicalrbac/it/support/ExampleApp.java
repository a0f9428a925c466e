package dev.hierarchicalrbac.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the example applications of {@code examples/} (Flask, Node.js, Spring Boot) running as a
 * process of its own on a free port, configured through its environment as its README says, with
 * the HTTP calls a client of it makes. {@link #close()} ends its whole process tree.
 */
public final class ExampleApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every example still running, ended when the test JVM exits if a test did not end it. */
    private static final Set<ExampleApp> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(ExampleApp::close)));
    }

    /** The three examples: how each is made ready (once) and started. */
    public enum Kind {
        FLASK("flask"), NODE("node"), SPRING_BOOT("spring-boot");

        public final String dir;

        Kind(String dir) {
            this.dir = dir;
        }

        @Override
        public String toString() {
            return dir;
        }

        /** Installs or builds what the example needs when it is missing or older than its sources. */
        void prepare(Path home, Path logs) throws IOException, InterruptedException {
            switch (this) {
                case FLASK -> {
                    // Debian's python3-flask and python3-jwt: nothing to install here.
                }
                case NODE -> {
                    Path installed = home.resolve("node_modules/.package-lock.json");
                    if (newer(List.of(home.resolve("package-lock.json"), home.resolve("package.json")), installed)) {
                        run(List.of(System.getProperty("it.npm", "npm"), "ci", "--no-audit", "--no-fund"), home,
                                logs.resolve("node-npm-ci.log"), Duration.ofMinutes(5));
                    }
                }
                case SPRING_BOOT -> {
                    List<Path> sources;
                    try (Stream<Path> files = Files.walk(home.resolve("src"))) {
                        sources = new ArrayList<>(files.filter(Files::isRegularFile).toList());
                    }
                    sources.add(home.resolve("pom.xml"));
                    if (newer(sources, springBootJar(home))) {
                        run(List.of(System.getProperty("it.mvn", "mvn"), "-B", "-q", "-f", home.resolve("pom.xml").toString(),
                                "package", "-DskipTests"), home, logs.resolve("spring-boot-build.log"), Duration.ofMinutes(10));
                    }
                }
            }
        }

        List<String> command(Path home) {
            return switch (this) {
                case FLASK -> List.of(python(), "app.py");
                case NODE -> List.of(System.getProperty("it.node", "node"), "server.js");
                case SPRING_BOOT -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", springBootJar(home).toString());
            };
        }

        /**
         * Debian's interpreter, which sees the python3-flask and python3-jwt packages (a python3
         * earlier on the PATH, e.g. pyenv's, may not); {@code -Dit.python=…} picks another.
         */
        private static String python() {
            return System.getProperty("it.python", Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        }

        private static Path springBootJar(Path home) {
            return home.resolve("target/rbac-example.jar");
        }
    }

    public final Kind kind;
    public final String baseUrl;
    private final Path log;
    private Process process;

    private ExampleApp(Kind kind, String baseUrl, Path log, Process process) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.log = log;
        this.process = process;
    }

    /**
     * Prepares and starts {@code kind} from {@code examples/<dir>} on a free port, with
     * {@code OIDC_ISSUER}, {@code OIDC_JWKS_URL}, {@code PORT} and {@code PERMISSIONS_CLAIM} set, and
     * waits until it answers; its output goes to {@code logs/<dir><suffix>.log}.
     */
    public static ExampleApp start(Kind kind, Path examples, String issuer, String jwksUrl, String claim,
                                   Path logs, String suffix) throws IOException, InterruptedException {
        Path home = examples.resolve(kind.dir);
        Files.createDirectories(logs);
        kind.prepare(home, logs);
        int port = freePort();
        Path log = logs.resolve(kind.dir + suffix + ".log");
        ProcessBuilder builder = new ProcessBuilder(kind.command(home)).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("OIDC_ISSUER", issuer);
        env.put("OIDC_JWKS_URL", jwksUrl);
        env.put("PORT", Integer.toString(port));
        env.put("PERMISSIONS_CLAIM", claim);
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        ExampleApp app = new ExampleApp(kind, "http://127.0.0.1:" + port, log, builder.start());
        RUNNING.add(app);
        try {
            app.awaitReady(Duration.ofMinutes(Long.getLong("it.examples.start.timeout.minutes", 3)));
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** Ready once it answers a request (a 401, as there is no token). */
    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind + " exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/recipes")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(kind + " did not answer within " + timeout + "\n" + logTail());
    }

    public AdminClient.Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    public AdminClient.Response post(String path, String token, String json) {
        return call("POST", path, token, json);
    }

    /** A request with {@code Authorization: <authorization>} as given (null: no header). */
    public AdminClient.Response call(String method, String path, String authorization, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization.contains(" ") ? authorization : "Bearer " + authorization);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new AdminClient.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(kind + " " + method + " " + path + " failed\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Ends the process and everything it started: SIGTERM, then SIGKILL for what outlives 20 seconds. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
        RUNNING.remove(this);
    }

    @Override
    public String toString() {
        return kind + " on " + baseUrl;
    }

    private static boolean newer(List<Path> sources, Path target) throws IOException {
        if (!Files.exists(target)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(target);
        for (Path source : sources) {
            if (Files.getLastModifiedTime(source).compareTo(built) > 0) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command, Path dir, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n"
                    + Files.readString(log));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
