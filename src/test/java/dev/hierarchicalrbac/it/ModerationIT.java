package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;
import dev.hierarchicalrbac.it.support.TokenScene;
import dev.hierarchicalrbac.it.support.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static dev.hierarchicalrbac.it.support.Errors.invalid;
import static dev.hierarchicalrbac.it.support.Errors.invalidNaming;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Design §9, the moderation API under {@code /rbac/users/{userId}/}: ban ({@code POST disable} /
 * {@code POST enable}), kick ({@code POST logout}) and time-out ({@code PUT/DELETE timeout}), each
 * guarded by {@code Hierarchy.canManageUser} (an owner, or {@code manage_users} and a target strictly
 * below and not an owner; never oneself), against the real server with real users' tokens. The
 * effects are checked where an application sees them: the token endpoint (password and refresh
 * grants), the permissions claim of the RBAC mapper, Keycloak's own user and session API, the
 * extension's answers ({@code timedOutUntil}) and the realm's admin events.
 *
 * <p>The cast is {@link Scenario#standard}; {@code @everyone} holds {@code view_logs}, so "only
 * {@code @everyone}'s permissions" is visibly different from nothing. Every test leaves every user of
 * the cast enabled and without a time-out ({@link #restore()} makes sure of it even after a failure).
 */
class ModerationIT {

    /** A public client of the scenario's realm with the "RBAC effective permissions" mapper. */
    static final String APP = "rbac-moderation-app";
    static final List<String> CAST = List.of("owner", "admin", "mod", "mod2", "curator", "helper", "plain", "viewer");
    static final List<String> EVERYONE = List.of("view_logs");
    static final List<String> HELPER_FULL = List.of("manage_users", "view_logs");
    static final String MISSING = "missing_permission";
    static final String HIERARCHY = "hierarchy";
    static final String OWNER_PROTECTION = "owner_protection";
    static final String NOT_FOUND = "not_found";

    static Scenario s;
    static Tokens tokens;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("moderation");
        ok(204, s.master.put(kc(""), object("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)));
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", APP).put("enabled", true).put("protocol", "openid-connect")
                .put("publicClient", true).put("standardFlowEnabled", false).put("directAccessGrantsEnabled", true);
        ObjectNode mapper = client.putArray("protocolMappers").addObject()
                .put("name", TokenScene.MAPPER_NAME).put("protocol", "openid-connect")
                .put("protocolMapper", TokenScene.MAPPER_TYPE);
        mapper.set("config", JSON.valueToTree(TokenScene.defaultMapperConfig()));
        expect(201, s.master.post(kc("/clients"), client));
        ok(200, s.master.put(s.api() + "/roles/" + everyoneId(), object("permissions", EVERYONE)));
        tokens = new Tokens(s.server.baseUrl(), s.realm);
        assertEquals(HELPER_FULL, tokenPermissions("helper"), "helper's permissions before any time-out");
    }

    /** Whatever a test did or failed to undo: every user of the cast enabled, no time-out left. */
    @AfterEach
    void restore() {
        for (String name : CAST) {
            String id = s.userId(name);
            s.master.delete(moderation(id, "timeout"));
            JsonNode user = expect(200, s.master.get(kc("/users/" + id))).json();
            if (!user.path("enabled").asBoolean()) {
                ((ObjectNode) user).put("enabled", true);
                expect(204, s.master.put(kc("/users/" + id), user));
            }
        }
    }

    // --- who may: the rule of Hierarchy.canManageUser ---------------------------------------------

    /**
     * Every actor disables every other user of the cast: allowed exactly by the rule, refused with
     * the rule's code otherwise. Columns are targets; ok = 204, then enabled again by the master
     * admin. A caller who may not read other users (plain) gets missing_permission for everybody,
     * an owner included; a caller who may read them sees owner_protection first.
     */
    private static final String MATRIX = """
            actor    owner  admin  mod    mod2   curator  helper  plain  viewer
            owner    -      ok     ok     ok     ok       ok      ok     ok
            admin    OWNER  -      ok     ok     ok       ok      ok     ok
            mod      OWNER  HIER   -      HIER   ok       ok      ok     ok
            helper   OWNER  HIER   HIER   HIER   HIER     -       ok     ok
            curator  OWNER  MISS   MISS   MISS   -        MISS    MISS   MISS
            plain    MISS   MISS   MISS   MISS   MISS     MISS    -      MISS
            """;

    @Test
    void disablingFollowsTheHierarchyForEveryPairOfTheCast() {
        List<Executable> pairs = new ArrayList<>();
        String[] lines = MATRIX.strip().split("\n");
        String[] targets = lines[0].trim().split("\\s+");
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].trim().split("\\s+");
            String actor = cells[0];
            for (int column = 1; column < targets.length; column++) {
                String target = targets[column];
                String expected = cells[column];
                if (expected.equals("-")) {
                    continue;
                }
                pairs.add(() -> disablePair(actor, target, expected));
            }
        }
        assertEquals(42, pairs.size(), "6 actors x 7 other users");
        assertAll("disable, actor -> target", pairs.stream());
    }

    private static void disablePair(String actor, String target, String expected) {
        String targetId = s.userId(target);
        String label = actor + " disables " + target;
        try {
            AdminClient.Response response = s.as(actor).post(moderation(targetId, "disable"),
                    object("reason", "matrix " + actor + " " + target));
            switch (expected) {
                case "ok" -> {
                    assertEquals(204, response.status(), () -> label + ": " + response);
                    assertFalse(enabled(targetId), label + ": the user is disabled");
                    assertEquals(204, s.master.post(moderation(targetId, "enable"), object("reason", "matrix undo")).status(),
                            label + ": the master admin enables again");
                    assertTrue(enabled(targetId), label + ": enabled again");
                }
                case "OWNER" -> refusedUnchanged(label, OWNER_PROTECTION, response, targetId);
                case "HIER" -> refusedUnchanged(label, HIERARCHY, response, targetId);
                case "MISS" -> refusedUnchanged(label, MISSING, response, targetId);
                default -> fail("bad cell " + expected);
            }
        } finally {
            enableIfDisabled(targetId);
        }
    }

    private static void refusedUnchanged(String label, String error, AdminClient.Response response, String targetId) {
        assertEquals(403, response.status(), () -> label + ": " + response);
        assertEquals(error, response.json().path("error").asText(), () -> label + ": " + response);
        assertTrue(response.json().path("error_description").asText().length() > 5, () -> label + ": " + response);
        assertTrue(enabled(targetId), label + ": the user is still enabled");
    }

    /** The five actions, each refused by the same rule and each allowed by it. */
    @Test
    void everyActionIsGuardedByTheSameRule() {
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, BiFunction<AdminClient, String, AdminClient.Response>> actions = new LinkedHashMap<>();
        actions.put("disable", (c, id) -> c.post(moderation(id, "disable"), object("reason", "guarded")));
        actions.put("enable", (c, id) -> c.post(moderation(id, "enable"), object("reason", "guarded")));
        actions.put("logout", (c, id) -> c.post(moderation(id, "logout"), object("reason", "guarded")));
        actions.put("timeout", (c, id) -> c.put(moderation(id, "timeout"), object("until", until, "reason", "guarded")));
        actions.put("end timeout", (c, id) -> c.delete(moderation(id, "timeout")));

        String unknown = UUID.randomUUID().toString();
        record Refusal(String actor, String target, int status, String error) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("curator", s.userId("plain"), 403, MISSING),
                new Refusal("plain", s.userId("helper"), 403, MISSING),
                new Refusal("plain", unknown, 403, MISSING),
                new Refusal("helper", s.userId("mod"), 403, HIERARCHY),
                new Refusal("helper", s.userId("curator"), 403, HIERARCHY),
                new Refusal("mod", s.userId("mod2"), 403, HIERARCHY),
                new Refusal("mod", s.userId("mod"), 403, HIERARCHY),
                new Refusal("helper", s.userId("helper"), 403, HIERARCHY),
                new Refusal("admin", s.userId("admin"), 403, HIERARCHY),
                new Refusal("admin", s.userId("owner"), 403, OWNER_PROTECTION),
                new Refusal("mod", s.userId("owner"), 403, OWNER_PROTECTION),
                new Refusal("helper", unknown, 404, NOT_FOUND),
                new Refusal("curator", unknown, 404, NOT_FOUND),
                new Refusal("viewer", unknown, 404, NOT_FOUND),
                new Refusal("owner", unknown, 404, NOT_FOUND));

        List<Executable> checks = new ArrayList<>();
        actions.forEach((name, action) -> refusals.forEach(r -> checks.add(() -> {
            AdminClient.Response response = action.apply(s.as(r.actor()), r.target());
            String label = r.actor() + " " + name + " " + nameOf(r.target()) + ": " + response;
            assertEquals(r.status(), response.status(), label);
            assertEquals(r.error(), response.json().path("error").asText(), label);
            assertTrue(response.json().path("error_description").asText().length() > 5, label);
        })));
        assertAll("refusals", checks.stream());

        for (String name : List.of("owner", "admin", "mod", "mod2", "curator", "helper", "plain")) {
            String id = s.userId(name);
            assertTrue(enabled(id), name + " untouched by the refused calls");
            noTimeout(ok(200, s.master.get(s.api() + "/users/" + id + "/permissions")).json());
        }

        // Allowed: mod on plain (20 > 0), and an owner on a moderator.
        for (String[] pair : List.of(new String[]{"mod", "plain"}, new String[]{"owner", "mod"})) {
            AdminClient actor = s.as(pair[0]);
            String target = s.userId(pair[1]);
            String label = pair[0] + " on " + pair[1];
            ok(204, actions.get("disable").apply(actor, target));
            assertFalse(enabled(target), label);
            ok(204, actions.get("enable").apply(actor, target));
            assertTrue(enabled(target), label);
            ok(204, actions.get("logout").apply(actor, target));
            assertTrue(enabled(target), label + ": a kick is no ban");
            JsonNode timeout = ok(200, actions.get("timeout").apply(actor, target)).json();
            assertEquals(Instant.parse(until), utcInstant(timeout, "until"), label);
            ok(204, actions.get("end timeout").apply(actor, target));
            noTimeout(ok(200, s.master.get(s.api() + "/users/" + target + "/permissions")).json());
        }
    }

    // --- ban, kick: what the token endpoint says --------------------------------------------------

    @Test
    void aBanEndsEverySessionAndRefusesEveryTokenUntilEnabled() {
        String plain = s.userId("plain");
        JsonNode before = tokens.password(APP, null, "plain", Scenario.PASSWORD);
        String refreshToken = before.get("refresh_token").asText();
        assertFalse(sessions(plain).isEmpty(), "a password grant opens a session");

        ok(204, s.as("mod").post(moderation(plain, "disable"), object("reason", "spamming the lobby")));

        assertFalse(enabled(plain), "disabled in Keycloak");
        assertEquals(0, sessions(plain).size(), "every session ended: " + sessions(plain));
        grantRefused(passwordGrant("plain"), "password grant of a banned user", 400, 401);
        grantRefused(refreshGrant(refreshToken), "refresh token obtained before the ban", 400);

        ok(204, s.as("mod").post(moderation(plain, "enable"), object("reason", "served the ban")));

        assertTrue(enabled(plain), "enabled in Keycloak");
        JsonNode after = tokens.password(APP, null, "plain", Scenario.PASSWORD);
        assertEquals(EVERYONE, Tokens.strings(tokens.verified(after, "access_token"), "permissions"));
        grantRefused(refreshGrant(refreshToken), "the old refresh token stays dead after enable", 400);
    }

    @Test
    void aKickEndsEverySessionAndRefreshTokenButIsNoBan() {
        String helper = s.userId("helper");
        JsonNode first = tokens.password(APP, null, "helper", Scenario.PASSWORD);
        JsonNode second = tokens.password(APP, null, "helper", Scenario.PASSWORD);
        assertTrue(sessions(helper).size() >= 2, "two sessions: " + sessions(helper));

        ok(204, s.as("mod").post(moderation(helper, "logout"), object("reason", "go cool off")));

        assertEquals(0, sessions(helper).size(), "every session ended: " + sessions(helper));
        grantRefused(refreshGrant(first.get("refresh_token").asText()), "first refresh token after the kick", 400);
        grantRefused(refreshGrant(second.get("refresh_token").asText()), "second refresh token after the kick", 400);
        assertTrue(enabled(helper), "a kicked user is not banned");
        AdminClient.Response again = passwordGrant("helper");
        assertEquals(200, again.status(), again::toString);
        assertEquals(HELPER_FULL, Tokens.strings(tokens.verify(again.json().get("access_token").asText()), "permissions"));
    }

    @Test
    void theReasonIsOptionalAndAtMost255Characters() {
        String plain = s.userId("plain");
        AdminClient mod = s.as("mod");
        // An empty body without a content type.
        ok(204, mod.send("POST", moderation(plain, "disable"), null, null));
        assertFalse(enabled(plain));
        ok(204, mod.send("POST", moderation(plain, "enable"), null, null));
        assertTrue(enabled(plain));
        ok(204, mod.send("POST", moderation(plain, "logout"), null, null));

        String longest = "r".repeat(255);
        ok(204, mod.post(moderation(plain, "disable"), object("reason", longest)));
        ok(204, mod.post(moderation(plain, "enable"), object("reason", longest)));
        assertTrue(enabled(plain));

        String tooLong = "r".repeat(256);
        invalid("reason", mod.post(moderation(plain, "disable"), object("reason", tooLong)));
        assertTrue(enabled(plain), "a refused ban changes nothing");
        invalid("reason", mod.post(moderation(plain, "logout"), object("reason", tooLong)));
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        invalid("reason", mod.put(moderation(plain, "timeout"), object("until", until, "reason", tooLong)));
        noTimeout(ok(200, s.master.get(s.api() + "/users/" + plain + "/permissions")).json());
    }

    // --- time-outs ---------------------------------------------------------------------------------

    @Test
    void aTimeoutIsValidatedStrictly() {
        String plain = s.userId("plain");
        AdminClient owner = s.master;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String path = moderation(plain, "timeout");

        invalid("until", owner.put(path, object("reason", "no end given")));
        invalid("until", owner.put(path, object("until", "tomorrow", "reason", "x")));
        invalid("until", owner.put(path, object("until", "2026-12-24", "reason", "x")));
        invalid("until", owner.put(path, object("until", now.minus(1, ChronoUnit.HOURS).toString(), "reason", "x")));
        invalid("until", owner.put(path, object("until", now.plus(28, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).toString(),
                "reason", "x")));
        invalidNaming("colour", owner.put(path, object("until", now.plus(1, ChronoUnit.HOURS).toString(), "reason", "x",
                "colour", "red")));
        noTimeout(ok(200, owner.get(s.api() + "/users/" + plain + "/permissions")).json());

        // Just inside the 28 days.
        Instant longest = now.plus(28, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS);
        JsonNode set = ok(200, owner.put(path, object("until", longest.toString(), "reason", "four weeks"))).json();
        assertEquals(longest, utcInstant(set, "until"));
        assertEquals("four weeks", set.path("reason").asText());
        ok(204, owner.delete(path));
        ok(204, owner.delete(path));
        noTimeout(ok(200, owner.get(s.api() + "/users/" + plain + "/permissions")).json());
    }

    /** While it holds: tokens and every answer carry only @everyone's permissions and the end. */
    @Test
    void aTimedOutUserHoldsOnlyEveryonesPermissionsUntilItIsEnded() {
        String helper = s.userId("helper");
        String plain = s.userId("plain");
        String base = s.api() + "/users/" + helper;
        assertTrue(ok(200, s.master.get(base + "/can-manage/users/" + plain)).json().get("allowed").asBoolean(),
                "before: helper may manage plain");

        // Given with an offset of +01:00; answered in UTC.
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String withOffset = OffsetDateTime.ofInstant(until, ZoneOffset.ofHours(1)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertTrue(withOffset.endsWith("+01:00"), withOffset);
        JsonNode set = ok(200, s.as("mod").put(base + "/timeout", object("until", withOffset, "reason", "heated argument"))).json();
        assertEquals(until, utcInstant(set, "until"), set.toString());
        assertEquals("heated argument", set.path("reason").asText(), set.toString());

        assertEquals(EVERYONE, tokenPermissions("helper"), "the next token");
        JsonNode access = ok(200, s.master.get(base + "/permissions")).json();
        assertEquals(EVERYONE, strings(access.get("permissions")), access.toString());
        assertEquals(until, instant(access, "timedOutUntil"), access.toString());
        assertEquals(10, access.path("highestPosition").asInt(), "a time-out keeps the position: " + access);
        JsonNode me = ok(200, s.as("helper").get(s.api() + "/me")).json();
        assertEquals(until, instant(me, "timedOutUntil"), me.toString());
        assertEquals(EVERYONE, strings(me.get("permissions")), me.toString());
        JsonNode decision = ok(200, s.master.get(base + "/can-manage/users/" + plain)).json();
        assertFalse(decision.get("allowed").asBoolean(), decision.toString());
        assertEquals(MISSING, decision.path("refusal").asText(), decision.toString());
        assertEquals(until, instant(decision, "timedOutUntil"), decision.toString());
        refused(403, MISSING, s.as("helper").post(moderation(plain, "disable"), object("reason", "while timed out")));
        assertTrue(enabled(plain));

        ok(204, s.as("mod").delete(base + "/timeout"));

        assertEquals(HELPER_FULL, tokenPermissions("helper"), "the next token after the end");
        JsonNode ended = ok(200, s.master.get(base + "/permissions")).json();
        assertEquals(HELPER_FULL, strings(ended.get("permissions")), ended.toString());
        noTimeout(ended);
        noTimeout(ok(200, s.as("helper").get(s.api() + "/me")).json());
        JsonNode allowed = ok(200, s.master.get(base + "/can-manage/users/" + plain)).json();
        assertTrue(allowed.get("allowed").asBoolean(), allowed.toString());
        noTimeout(allowed);
        ok(204, s.as("mod").delete(base + "/timeout"));
    }

    /** It ends by itself: no call, no job; the first token after {@code until} has everything back. */
    @Test
    void aTimeoutEndsByItselfWhenUntilHasPassed() throws InterruptedException {
        String helper = s.userId("helper");
        AdminClient mod = s.as("mod");
        ok(200, mod.get(s.api() + "/me"));
        assertEquals(HELPER_FULL, tokenPermissions("helper"));

        Instant until = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.SECONDS);
        JsonNode set = ok(200, mod.put(moderation(helper, "timeout"), object("until", until.toString(), "reason", "short break"))).json();
        assertEquals(until, utcInstant(set, "until"));

        List<String> during = tokenPermissions("helper");
        Instant answered = Instant.now();
        assertTrue(answered.isBefore(until), "the first token came too late to tell (" + answered + " >= " + until + ")");
        assertEquals(EVERYONE, during, "right after the time-out");

        Instant deadline = until.plusSeconds(20);
        List<String> seen = during;
        while (!seen.equals(HELPER_FULL)) {
            if (Instant.now().isAfter(deadline)) {
                fail("helper's permissions did not come back within 20 s after " + until + ": " + seen);
            }
            Thread.sleep(500);
            seen = tokenPermissions("helper");
            answered = Instant.now();
            if (answered.isBefore(until)) {
                // Answered before the end, so issued before it: still only @everyone's.
                assertEquals(EVERYONE, seen, "a token issued before " + until + " (answered at " + answered + ")");
            }
        }
        assertFalse(answered.isBefore(until), "back only once " + until + " has passed, at " + answered);

        JsonNode access = ok(200, s.master.get(s.api() + "/users/" + helper + "/permissions")).json();
        assertEquals(HELPER_FULL, strings(access.get("permissions")), access.toString());
        noTimeout(access);
        noTimeout(ok(200, s.as("helper").get(s.api() + "/me")).json());
    }

    @Test
    void aTimedOutModeratorLosesTheirAuthority() {
        String mod = s.userId("mod");
        String plain = s.userId("plain");
        String until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        ok(200, s.as("admin").put(moderation(mod, "timeout"), object("until", until, "reason", "abuse of power")));

        refused(403, MISSING, s.as("mod").post(moderation(plain, "disable"), object("reason", "revenge")));
        assertTrue(enabled(plain), "plain is not banned");
        refused(403, MISSING, s.as("mod").post(moderation(plain, "logout"), object("reason", "revenge")));
        refused(403, MISSING, s.as("mod").put(moderation(plain, "timeout"), object("until", until, "reason", "revenge")));
        noTimeout(ok(200, s.master.get(s.api() + "/users/" + plain + "/permissions")).json());
        // The time-out keeps mod's position: helper (10) still may not act on mod (20).
        refused(403, HIERARCHY, s.as("helper").post(moderation(mod, "disable"), object("reason", "payback")));
        assertTrue(enabled(mod));

        ok(204, s.as("admin").delete(moderation(mod, "timeout")));
        ok(204, s.as("mod").post(moderation(plain, "disable"), object("reason", "now allowed")));
        assertFalse(enabled(plain));
        ok(204, s.master.post(moderation(plain, "enable"), object("reason", "undo")));
        assertTrue(enabled(plain));
    }

    // --- admin events ------------------------------------------------------------------------------

    @Test
    void everyActionIsAnAdminEventWithItsReason() throws InterruptedException {
        String plain = s.userId("plain");
        String modId = s.userId("mod");
        AdminClient mod = s.as("mod");
        ok(200, mod.get(s.api() + "/me"));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant until = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        long start = System.currentTimeMillis();

        ok(204, mod.post(moderation(plain, "disable"), object("reason", "ban " + tag)));
        ok(204, mod.post(moderation(plain, "enable"), object("reason", "unban " + tag)));
        ok(204, mod.post(moderation(plain, "logout"), object("reason", "kick " + tag)));
        ok(200, mod.put(moderation(plain, "timeout"), object("until", until.toString(), "reason", "timeout " + tag)));
        ok(204, mod.delete(moderation(plain, "timeout")));

        List<JsonNode> events = moderationEventsSince(start, 5);
        assertEquals(5, events.size(), "one RBAC_MODERATION event per action: " + events);
        for (String reason : List.of("ban " + tag, "unban " + tag, "kick " + tag, "timeout " + tag)) {
            JsonNode event = events.stream()
                    .filter(e -> e.path("representation").asText("").contains(reason))
                    .findFirst().orElseThrow(() -> new AssertionError("no event with reason '" + reason + "' in " + events));
            assertEquals(modId, event.path("authDetails").path("userId").asText(), "done by mod: " + event);
            if (reason.startsWith("timeout")) {
                JsonNode representation = parse(event.get("representation").asText());
                JsonNode given = representation.findValue("until");
                assertNotNull(given, "until in " + representation);
                assertEquals(until, OffsetDateTime.parse(given.asText()).toInstant(), representation.toString());
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    static String kc(String path) {
        return "/admin/realms/" + s.realm + path;
    }

    static String moderation(String userId, String action) {
        return s.api() + "/users/" + userId + "/" + action;
    }

    static String everyoneId() {
        for (JsonNode role : expect(200, s.master.get(s.api() + "/roles")).json()) {
            if (role.path("everyone").asBoolean()) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no @everyone in " + s.realm);
    }

    static String nameOf(String userId) {
        return s.userIds.entrySet().stream().filter(e -> e.getValue().equals(userId)).map(Map.Entry::getKey)
                .findFirst().orElse("unknown id " + userId);
    }

    /** Whether Keycloak itself holds the user enabled. */
    static boolean enabled(String userId) {
        return expect(200, s.master.get(kc("/users/" + userId))).json().path("enabled").asBoolean();
    }

    static void enableIfDisabled(String userId) {
        JsonNode user = expect(200, s.master.get(kc("/users/" + userId))).json();
        if (!user.path("enabled").asBoolean()) {
            ((ObjectNode) user).put("enabled", true);
            expect(204, s.master.put(kc("/users/" + userId), user));
        }
    }

    /** The user's sessions as Keycloak lists them. */
    static JsonNode sessions(String userId) {
        return expect(200, s.master.get(kc("/users/" + userId + "/sessions"))).json();
    }

    /** The permissions claim of a fresh access token of the mapper client. */
    static List<String> tokenPermissions(String username) {
        JsonNode grant = tokens.password(APP, null, username, Scenario.PASSWORD);
        return Tokens.strings(tokens.verified(grant, "access_token"), "permissions");
    }

    /** A password grant as the token endpoint answers it, refused or not. */
    static AdminClient.Response passwordGrant(String username) {
        return AdminClient.tokenRequest(s.server.baseUrl(), s.realm, Map.of("grant_type", "password", "client_id", APP,
                "username", username, "password", Scenario.PASSWORD));
    }

    static AdminClient.Response refreshGrant(String refreshToken) {
        return AdminClient.tokenRequest(s.server.baseUrl(), s.realm, Map.of("grant_type", "refresh_token", "client_id", APP,
                "refresh_token", refreshToken));
    }

    /** The token endpoint refuses with {@code invalid_grant} and one of the statuses. */
    static void grantRefused(AdminClient.Response response, String what, int... statuses) {
        boolean expected = false;
        for (int status : statuses) {
            expected |= status == response.status();
        }
        assertTrue(expected, what + ": " + response);
        assertEquals("invalid_grant", response.json().path("error").asText(), what + ": " + response);
        assertFalse(response.json().has("access_token"), what + ": " + response);
    }

    /** An ISO-8601 instant with an offset, as a field of an answer. */
    static Instant instant(JsonNode body, String field) {
        JsonNode value = body.get(field);
        assertNotNull(value, field + " in " + body);
        assertTrue(value.isTextual(), field + " is an ISO-8601 string: " + body);
        return OffsetDateTime.parse(value.asText()).toInstant();
    }

    /** An instant answered in UTC ({@code Z} or {@code +00:00}). */
    static Instant utcInstant(JsonNode body, String field) {
        Instant instant = instant(body, field);
        assertEquals(ZoneOffset.UTC, OffsetDateTime.parse(body.get(field).asText()).getOffset(), field + " in UTC: " + body);
        return instant;
    }

    static void noTimeout(JsonNode body) {
        JsonNode value = body.get("timedOutUntil");
        assertTrue(value == null || value.isNull(), "no timedOutUntil: " + body);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The realm's RBAC_MODERATION admin events from {@code since} on; waits up to 10 s for {@code atLeast}. */
    static List<JsonNode> moderationEventsSince(long since, int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            ArrayNode all = (ArrayNode) expect(200, s.master.get(kc("/admin-events?max=1000"))).json();
            for (JsonNode event : all) {
                if ("RBAC_MODERATION".equals(event.path("resourceType").asText()) && event.path("time").asLong() >= since) {
                    found.add(event);
                }
            }
            if (found.size() >= atLeast || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(250);
        }
    }
}
