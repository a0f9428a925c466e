package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hierarchicalrbac.it.AdminClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A realm operator drives the API with the distribution's own {@code kcadm.sh}. */
class KcadmIT {

    static Scenario s;
    static Path config;

    @BeforeAll
    static void signIn() throws Exception {
        s = Scenario.standard("kcadm");
        config = Files.createTempFile("kcadm", ".config");
        kcadm("config", "credentials", "--server", s.server.baseUrl(), "--realm", "master",
                "--user", KeycloakServer.ADMIN, "--password", KeycloakServer.ADMIN_PASSWORD);
    }

    @Test
    void createGetUpdateAndDeleteARoleAsAnOperatorWould() throws Exception {
        String id = kcadm("create", "rbac/roles", "-r", s.realm, "-s", "name=Operators", "-s", "position=7",
                "-s", "color=#00AA00", "-s", "permissions=[\"view_logs\"]", "-i").trim();
        JsonNode roles = JSON.readTree(kcadm("get", "rbac/roles", "-r", s.realm));
        JsonNode created = null;
        for (JsonNode role : roles) {
            if (role.get("id").asText().equals(id)) {
                created = role;
            }
        }
        assertTrue(created != null, "kcadm get lists the created role: " + roles);
        assertEquals(7, created.get("position").asInt());
        assertEquals("view_logs", created.get("permissions").get(0).asText());

        kcadm("update", "rbac/roles/" + id, "-r", s.realm, "-s", "description=Night shift");
        assertEquals("Night shift", JSON.readTree(kcadm("get", "rbac/roles/" + id, "-r", s.realm)).get("description").asText());

        kcadm("update", "rbac/users/" + s.userId("plain") + "/roles/" + id, "-r", s.realm, "-b", "{}");
        JsonNode access = JSON.readTree(kcadm("get", "rbac/users/" + s.userId("plain") + "/permissions", "-r", s.realm));
        assertEquals(7, access.get("highestPosition").asInt());

        kcadm("delete", "rbac/roles/" + id, "-r", s.realm);
        assertEquals(404, s.master.get(s.api() + "/roles/" + id).status());
    }

    /** Runs kcadm.sh from the test server's distribution and returns its standard output. */
    static String kcadm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(s.server.home().resolve("bin/kcadm.sh").toString());
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
