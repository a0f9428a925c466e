package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A property of configuration as a file (design §6): for any realm, importing its own export changes
 * nothing, with or without prune, and exporting again gives the same bytes. Each seed builds a random
 * realm through the REST API as the master admin; a failure names its seed, so it can be replayed.
 */
class RoundTripIT {

    static final String[] CUSTOM_PERMISSIONS = {"edit_recipes", "app.read", "app:write", "billing-admin", "x"};
    static final String[] WORDS = {"Guard", "Zo\u00eb", "Mod\u00e9rateur", "\u7ba1\u7406\u8005", "Shield \ud83d\udee1",
            "Night watch", "Sentinel", "Keeper"};
    /**
     * Names a person might send that are not Unicode text (a lone surrogate) or hide characters (a
     * zero-width space, a direction override). The API must refuse them (400): stored, they would
     * leave the export unable to say them, and the round trip would change the realm.
     */
    static final String[] HOSTILE = {"Ops\ud800", "\udc00Guard", "Ad\u200bmin", "\u202eKeeper", "Night\ufeffwatch"};
    static final String[] BADGES = {"Friend", "Family", "VIP", "\u00c9toile \u2605", "Supporter"};
    static final String[] ICONS = {"fa-star", "fa-solid fa-crown", "fa-regular fa-heart fa-fw", "fa-brands fa-discord fa-2x fa-spin"};
    static final String[] DESCRIPTIONS = {"", "Plain text", "Line one\nline two\ttabbed",
            "Quotes \"double\" and 'single', a \\ backslash, <b>markup</b> & ampersand",
            "Zo\u00eb\u2019s \u00abguillemets\u00bb", "\u7ba1\u7406\u8005\u306e\u8aac\u660e", "\ud83d\udee1 emoji"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L, 42L, 99L, 2024L, 31337L, 4_8151_6234L, 271828L, 314159L, 1_000_003L, 6_022_140L, 123_456_789L})
    void importingTheRealmsOwnExportChangesNothing(long seed) throws Exception {
        Random random = new Random(seed);
        Scenario s = Scenario.empty("round-trip");
        String context = "seed " + seed + " (realm " + s.realm + ")";
        build(s, random, context);

        String exported = call(s, context, 200, "GET", "/export", null).body();
        for (String query : List.of("", "?prune=true")) {
            AdminClient.Response response = call(s, context, 200, "POST", "/import" + query, exported);
            JsonNode result = response.json();
            assertTrue(result.path("changes").isArray(), context + ": " + response);
            assertEquals(0, result.get("changes").size(),
                    () -> context + ": POST /import" + query + " of the realm's own export changed " + result.get("changes")
                            + "\nexported: " + exported);
            assertTrue(result.path("unknownUsers").isEmpty(), () -> context + ": unknown users " + result.get("unknownUsers"));
        }
        String again = call(s, context, 200, "GET", "/export", null).body();
        assertEquals(exported, again, context + ": a second export is byte-identical to the first");
        s.master.deleteRealm(s.realm);
    }

    /** A random realm: permissions, admin roles, @everyone, visual roles, users and their assignments. */
    private static void build(Scenario s, Random random, String context) throws Exception {
        List<String> permissions = new ArrayList<>(Scenario.BUILT_INS);
        List<String> custom = new ArrayList<>(List.of(CUSTOM_PERMISSIONS));
        Collections.shuffle(custom, random);
        for (String name : custom.subList(0, random.nextInt(4))) {
            ObjectNode body = object("name", name);
            String description = pick(random, DESCRIPTIONS, 0.4);
            if (description != null || random.nextBoolean()) {
                body.put("description", description);
            }
            call(s, context, 201, "POST", "/permissions", body.toString());
            permissions.add(name);
        }

        List<String> roleIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int roleCount = 1 + random.nextInt(8);
        for (int i = 0; i < roleCount; i++) {
            int position;
            do {
                position = 1 + random.nextInt(random.nextBoolean() ? 10 : 1000);
            } while (positions.contains(position));
            positions.add(position);
            ObjectNode body = object("name", WORDS[random.nextInt(WORDS.length)] + " " + (i + 1), "position", position);
            optional(random, body, "description", pick(random, DESCRIPTIONS, 0.4));
            optional(random, body, "color", random.nextBoolean() ? null : colour(random));
            optional(random, body, "icon", pick(random, ICONS, 0.5));
            body.set("permissions", JSON.valueToTree(subset(random, permissions)));
            if (random.nextInt(3) == 0) {
                // First the same role under a name that is no text: refused, and nothing stored.
                ObjectNode hostile = body.deepCopy().put("name", HOSTILE[random.nextInt(HOSTILE.length)] + " " + (i + 1));
                // Escaped (\\ud800), as a client writes it: raw, a lone surrogate would reach the wire as '?'.
                String text = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(hostile);
                AdminClient.Response refused = s.master.send("POST", s.api() + "/roles", "application/json", text);
                assertEquals(400, refused.status(), () -> context + ": " + text + " -> " + refused);
            }
            roleIds.add(call(s, context, 201, "POST", "/roles", body.toString()).json().get("id").asText());
        }
        String everyone = everyoneId(s, context);
        call(s, context, 200, "PUT", "/roles/" + everyone, object("permissions", subset(random, permissions)).toString());

        List<String> visualIds = new ArrayList<>();
        List<String> badges = new ArrayList<>(List.of(BADGES));
        Collections.shuffle(badges, random);
        for (String badge : badges.subList(0, random.nextInt(5))) {
            ObjectNode body = object("name", badge);
            if (random.nextInt(3) > 0) {
                body.put("position", random.nextInt(4)); // positions may repeat
            }
            optional(random, body, "description", pick(random, DESCRIPTIONS, 0.5));
            optional(random, body, "color", random.nextBoolean() ? null : colour(random));
            optional(random, body, "icon", pick(random, ICONS, 0.5));
            visualIds.add(call(s, context, 201, "POST", "/visual-roles", body.toString()).json().get("id").asText());
        }

        List<String> userIds = new ArrayList<>();
        userIds.add(s.userId("owner"));
        int userCount = 1 + random.nextInt(4);
        for (int i = 0; i < userCount; i++) {
            userIds.add(plainUser(s, "member-" + i));
        }
        for (String user : userIds) {
            List<String> roles = subset(random, roleIds);
            if (!roles.isEmpty()) {
                call(s, context, 200, "PUT", "/users/" + user + "/roles", JSON.valueToTree(roles).toString());
            }
            List<String> visual = subset(random, visualIds);
            if (!visual.isEmpty()) {
                call(s, context, 200, "PUT", "/users/" + user + "/visual-roles", JSON.valueToTree(visual).toString());
            }
        }

        // Sometimes a role or a custom permission goes away after it was handed out.
        if (roleIds.size() > 1 && random.nextInt(3) == 0) {
            call(s, context, 204, "DELETE", "/roles/" + roleIds.get(random.nextInt(roleIds.size())), null);
        }
        if (permissions.size() > Scenario.BUILT_INS.size() && random.nextInt(3) == 0) {
            String name = permissions.get(permissions.size() - 1);
            call(s, context, 204, "DELETE", "/permissions/" + s.permissionId(name), null);
        }
    }

    private static AdminClient.Response call(Scenario s, String context, int status, String method, String path, String body) {
        AdminClient.Response response = body == null ? s.master.send(method, s.api() + path, null, null)
                : s.master.send(method, s.api() + path, "application/json", body);
        assertEquals(status, response.status(), () -> context + ": " + method + " " + path + " " + body + " -> " + response);
        return response;
    }

    private static String everyoneId(Scenario s, String context) {
        for (JsonNode role : call(s, context, 200, "GET", "/roles", null).json()) {
            if (role.get("name").asText().equals("@everyone")) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError(context + ": no @everyone");
    }

    /** A user without a password: these never sign in, and a password hash costs time on every seed. */
    private static String plainUser(Scenario s, String username) {
        AdminClient.Response created = AdminClient.expect(201,
                s.master.post("/admin/realms/" + s.realm + "/users", object("username", username, "enabled", true)));
        String location = created.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        s.userIds.put(username, id);
        return id;
    }

    /** Puts the value, or null, or leaves the field out (the server's default). */
    private static void optional(Random random, ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        } else if (random.nextBoolean()) {
            body.putNull(field);
        }
    }

    private static String pick(Random random, String[] values, double nullChance) {
        return random.nextDouble() < nullChance ? null : values[random.nextInt(values.length)];
    }

    private static String colour(Random random) {
        String hex = String.format("#%06X", random.nextInt(1 << 24));
        return random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT);
    }

    private static <T> List<T> subset(Random random, List<T> values) {
        List<T> subset = new ArrayList<>();
        for (T value : values) {
            if (random.nextInt(3) == 0) {
                subset.add(value);
            }
        }
        return subset;
    }
}
