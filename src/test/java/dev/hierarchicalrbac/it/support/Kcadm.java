package dev.hierarchicalrbac.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distribution's own {@code kcadm.sh}, signed in as the master admin, as a realm operator runs it. */
public final class Kcadm {

    private final KeycloakServer server;
    private final Path config;

    private Kcadm(KeycloakServer server, Path config) {
        this.server = server;
        this.config = config;
    }

    public static Kcadm signIn(KeycloakServer server) throws IOException, InterruptedException {
        Kcadm kcadm = new Kcadm(server, Files.createTempFile("kcadm", ".config"));
        kcadm.run("config", "credentials", "--server", server.baseUrl(), "--realm", "master",
                "--user", KeycloakServer.ADMIN, "--password", KeycloakServer.ADMIN_PASSWORD);
        return kcadm;
    }

    /** Runs one command, asserts it succeeded and returns its output. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(server.home().resolve("bin/kcadm.sh").toString());
        command.addAll(List.of(args));
        command.add("--config");
        command.add(config.toString());
        Path out = Files.createTempFile("kcadm", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "kcadm did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }
}
