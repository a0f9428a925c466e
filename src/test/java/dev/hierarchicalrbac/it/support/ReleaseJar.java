package dev.hierarchicalrbac.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provider jar of an earlier release, built from this repository's own history: {@code git
 * archive} of the release's commit into {@code target/release-<tag>}, then {@code mvn package} there
 * (its own admin theme included, as it was released). Built once; later runs reuse the jar.
 */
public final class ReleaseJar {

    /** The first release. CI clones carry no tags, so the tag falls back to the commit it names. */
    public static final String V0_1_0 = "v0.1.0";
    private static final String V0_1_0_COMMIT = "20752440d49dd5ce425055d3adfd56bc3f8659c3";

    private ReleaseJar() {
    }

    /** The jar of {@value #V0_1_0}, built on first use. */
    public static synchronized Path v010() {
        try {
            return build(V0_1_0, V0_1_0_COMMIT);
        } catch (IOException e) {
            throw new IllegalStateException("could not build the jar of " + V0_1_0 + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path build(String tag, String knownCommit) throws IOException, InterruptedException {
        Path repository = Path.of(System.getProperty("it.project.dir", ".")).toAbsolutePath();
        Path tree = repository.resolve("target/release-" + tag);
        Path target = tree.resolve("target");
        Path cached = cachedJar(target);
        if (cached != null) {
            return cached;
        }
        String commit = commitOf(repository, tag, knownCommit);
        KeycloakServer.deleteTree(tree);
        Files.createDirectories(tree);
        Path log = repository.resolve("target/release-" + tag + ".log");
        run(repository, log, List.of("sh", "-c", "git archive " + commit + " | tar -x -C '" + tree + "'"), 5);
        // Its own pom builds its own theme (npm ci from its own lock file, then Vite) like CI did then.
        run(tree, log, List.of("mvn", "-q", "-B", "package", "-DskipTests"), 20);
        Path jar = cachedJar(target);
        if (jar == null) {
            throw new IllegalStateException("mvn package of " + tag + " made no jar; see " + log);
        }
        return jar;
    }

    /** The tag's commit when this clone has the tag, else the commit it was made on. */
    private static String commitOf(Path repository, String tag, String knownCommit) throws IOException, InterruptedException {
        Process rev = new ProcessBuilder("git", "rev-parse", "--verify", "--quiet", tag + "^{commit}")
                .directory(repository.toFile()).redirectErrorStream(true).start();
        String out = new String(rev.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return rev.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : knownCommit;
    }

    private static Path cachedJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("keycloak-hierarchical-rbac-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElse(null);
        }
    }

    private static void run(Path dir, Path log, List<String> command, int minutes) throws IOException, InterruptedException {
        Files.writeString(log, "\n==== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over " + minutes + " min; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                    + Files.readString(log));
        }
    }
}
