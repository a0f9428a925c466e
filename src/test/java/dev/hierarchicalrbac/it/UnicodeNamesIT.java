package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Errors;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Errors.conflict;
import static dev.hierarchicalrbac.it.support.Errors.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Role and visual-role names are text a person reads in the console and an application reads in a
 * token: a name must be well-formed Unicode, is stored in NFKC form, and two names that look alike
 * are one name. Non-ASCII names survive export and import byte for byte.
 *
 * <p>Positions used here: the standard cast holds 50, 20, 15, 10 and 5; each request below that must
 * be refused asks for a position of its own, so a wrongly accepted one never turns a later check into
 * a position conflict.
 */
class UnicodeNamesIT {

    static final String JSON = "application/json";

    static Scenario s;
    static String vip;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("unicode");
        vip = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "VIP", "position", 1))).json().get("id").asText();
    }

    private static AdminClient.Response raw(String method, String path, String body) {
        return s.master.send(method, s.api() + path, JSON, body);
    }

    // --- Lone UTF-16 surrogates, sent as JSON escapes -------------------------------------

    @Test
    void aLoneSurrogateInANewRoleNameOrDescriptionIsRefused() {
        String before = s.snapshot();
        invalid("name", raw("POST", "/roles", "{\"name\":\"Ops\\ud800\",\"position\":31}"));
        invalid("name", raw("POST", "/roles", "{\"name\":\"\\udc00Ops\",\"position\":32}"));
        invalid("name", raw("POST", "/roles", "{\"name\":\"Ops\\udc00\\ud800\",\"position\":33}"));
        invalid("description", raw("POST", "/roles", "{\"name\":\"Ops ok\",\"position\":34,\"description\":\"broken \\ud800 text\"}"));
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void aLoneSurrogateInARenameOrNewDescriptionIsRefused() {
        String before = s.snapshot();
        String lowest = s.roleId("Lowest");
        invalid("name", raw("PUT", "/roles/" + lowest, "{\"name\":\"Low\\ud800\"}"));
        invalid("description", raw("PUT", "/roles/" + lowest, "{\"description\":\"x\\udfff\"}"));
        invalid("name", raw("PUT", "/visual-roles/" + vip, "{\"name\":\"VIP\\ud83d\"}"));
        invalid("description", raw("PUT", "/visual-roles/" + vip, "{\"description\":\"\\ude00\"}"));
        assertEquals("Lowest", ok(200, s.master.get(s.api() + "/roles/" + lowest)).json().get("name").asText());
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void aLoneSurrogateInAVisualRoleAPermissionDescriptionOrAnImportIsRefused() {
        String before = s.snapshot();
        invalid("name", raw("POST", "/visual-roles", "{\"name\":\"Badge\\ud800\"}"));
        invalid("description", raw("POST", "/visual-roles", "{\"name\":\"Badge ok\",\"description\":\"\\udbff\"}"));
        invalid("description", raw("POST", "/permissions", "{\"name\":\"surrogate.desc\",\"description\":\"x\\ud800\"}"));
        invalid("roles[0].name", raw("POST", "/import", "{\"roles\":[{\"name\":\"Imp\\ud800\",\"position\":35}]}"));
        invalid("visualRoles[0].name", raw("POST", "/import", "{\"visualRoles\":[{\"name\":\"Imp\\udc00\"}]}"));
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void aWellFormedSurrogatePairIsAccepted() {
        // The escape pair of U+1F6E1 (shield) is one character: the control case of the tests above.
        var created = ok(201, raw("POST", "/roles", "{\"name\":\"Shield \\ud83d\\udee1\",\"position\":36}"));
        assertEquals("Shield \ud83d\udee1", created.json().get("name").asText());
        ok(204, s.master.delete(s.api() + "/roles/" + created.json().get("id").asText()));
    }

    // --- Lookalike names are one name ---------------------------------------------------

    @Test
    void lookalikesOfEveryoneAreReserved() {
        String before = s.snapshot();
        invalid("name", s.master.post(s.api() + "/roles", object("name", "@everyone\u200b", "position", 61)));
        invalid("name", s.master.post(s.api() + "/roles", object("name", "@everyone\u00a0", "position", 62)));
        invalid("name", s.master.post(s.api() + "/roles", object("name", "@\u0435veryone", "position", 63)));
        invalid("name", s.master.post(s.api() + "/roles", object("name", "\uff20everyone", "position", 64)));
        invalid("name", s.master.put(s.api() + "/roles/" + s.roleId("Lowest"), object("name", "@\u0435veryone")));
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void lookalikesOfAnExistingRoleAreDuplicates() {
        String before = s.snapshot();
        conflict("name", s.master.post(s.api() + "/roles", object("name", "\uff21\uff24\uff2d\uff29\uff2e", "position", 65)));
        conflict("name", s.master.post(s.api() + "/roles", object("name", "Adm\u0456n", "position", 66)));
        conflict("name", s.master.post(s.api() + "/roles", object("name", "\u0410dmin", "position", 67)));
        conflict("name", s.master.put(s.api() + "/roles/" + s.roleId("Lowest"), object("name", "\uff28\uff45\uff4c\uff50\uff45\uff52")));
        conflict("name", s.master.put(s.api() + "/roles/" + s.roleId("Lowest"), object("name", "H\u0435lper")));
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void bidiControlsAreRefused() {
        String before = s.snapshot();
        invalid("name", s.master.post(s.api() + "/roles", object("name", "\u202eAdmin", "position", 68)));
        invalid("name", s.master.post(s.api() + "/roles", object("name", "Ops\u202enimda", "position", 69)));
        invalid("name", s.master.post(s.api() + "/roles", object("name", "\u2066Ops\u2069", "position", 70)));
        invalid("name", s.master.post(s.api() + "/visual-roles", object("name", "\u202eVIP")));
        invalid("name", s.master.put(s.api() + "/roles/" + s.roleId("Lowest"), object("name", "Low\u202eest")));
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    @Test
    void lookalikesOfAnExistingVisualRoleAreDuplicates() {
        String before = s.snapshot();
        conflict("name", s.master.post(s.api() + "/visual-roles", object("name", "\uff36\uff29\uff30")));
        conflict("name", s.master.post(s.api() + "/visual-roles", object("name", "V\u0406P")));
        conflict("name", s.master.post(s.api() + "/visual-roles", object("name", "vip")));
        // An invisible character: refused as such (400) or seen through as a duplicate (409).
        JsonNode invisible = Errors.oneOf(s.master.post(s.api() + "/visual-roles", object("name", "VIP\u200b")), 400, 409);
        assertEquals("name", invisible.path("field").asText(), invisible::toString);
        assertEquals(before, s.snapshot(), "nothing stored");
    }

    // --- NFKC ------------------------------------------------------------------------------

    @Test
    void aNameIsStoredInItsNfkcForm() {
        var created = ok(201, s.master.post(s.api() + "/roles", object("name", "\uff26\uff52\uff49\uff45\uff4e\uff44", "position", 41)));
        String id = created.json().get("id").asText();
        assertEquals("Friend", created.json().get("name").asText());
        assertEquals("Friend", ok(200, s.master.get(s.api() + "/roles/" + id)).json().get("name").asText());
        assertTrue(names(ok(200, s.master.get(s.api() + "/roles")).json()).contains("Friend"));

        // Composed and decomposed forms are one name.
        var zoe = ok(201, s.master.post(s.api() + "/roles", object("name", "Zo\u00eb", "position", 42)));
        String before = s.snapshot();
        conflict("name", s.master.post(s.api() + "/roles", object("name", "Zoe\u0308", "position", 43)));
        conflict("name", s.master.post(s.api() + "/roles", object("name", "friend", "position", 44)));
        assertEquals(before, s.snapshot(), "nothing stored");

        var decomposed = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "Cafe\u0301")));
        assertEquals("Caf\u00e9", decomposed.json().get("name").asText());

        ok(204, s.master.delete(s.api() + "/roles/" + id));
        ok(204, s.master.delete(s.api() + "/roles/" + zoe.json().get("id").asText()));
        ok(204, s.master.delete(s.api() + "/visual-roles/" + decomposed.json().get("id").asText()));
    }

    /**
     * Letters that differ only by an accent, or ß and ss, are different names on every database: the
     * rule is {@code nameKey} (case and lookalikes), not a database collation that folds accents.
     */
    @Test
    void accentsAndSharpSMakeDifferentNamesOnEveryDatabase() {
        List<String> roleIds = new java.util.ArrayList<>();
        int position = 45;
        for (String name : List.of("Resume", "R\u00e9sum\u00e9", "Strasse", "Stra\u00dfe")) {
            var created = ok(201, s.master.post(s.api() + "/roles", object("name", name, "position", position++)));
            assertEquals(name, created.json().get("name").asText());
            roleIds.add(created.json().get("id").asText());
        }
        List<String> visualIds = new java.util.ArrayList<>();
        for (String name : List.of("Cafe", "Caf\u00e8")) {
            visualIds.add(ok(201, s.master.post(s.api() + "/visual-roles", object("name", name))).json().get("id").asText());
        }
        // Renaming Resume onto Résumé in another case is refused (equal keys); onto Résumè it is not.
        conflict("name", s.master.put(s.api() + "/roles/" + roleIds.get(0), object("name", "R\u00c9SUM\u00c9")));
        ok(200, s.master.put(s.api() + "/roles/" + roleIds.get(0), object("name", "R\u00e9sum\u00e8")));
        roleIds.forEach(id -> ok(204, s.master.delete(s.api() + "/roles/" + id)));
        visualIds.forEach(id -> ok(204, s.master.delete(s.api() + "/visual-roles/" + id)));
    }

    // --- Export and import of non-ASCII names ------------------------------------------------

    static final String ZOE = "Zo\u00eb";
    static final String MODERATEUR = "Mod\u00e9rateur \ud83d\udee1";
    static final String KANRISHA = "\u7ba1\u7406\u8005";
    static final String ETOILE = "\u00c9toile \u2605";

    @Test
    void nonAsciiNamesSurviveExportAndImport() throws Exception {
        Scenario u = Scenario.empty("unicode-export");
        u.user("zoe");
        u.user("kenji");
        ok(201, u.master.post(u.api() + "/permissions", object("name", "edit_recipes", "description", "Recettes \u00e0 \u00e9diter \ud83c\udf70")));
        u.role(ZOE, 30, "view_logs", "edit_recipes");
        u.role(MODERATEUR, 20, "manage_users");
        u.role(KANRISHA, 10);
        ok(200, u.master.put(u.api() + "/roles/" + u.roleId(KANRISHA), object("description", "\u7ba1\u7406\u8005\u306e\u8aac\u660e")));
        String etoile = ok(201, u.master.post(u.api() + "/visual-roles", object("name", ETOILE, "color", "#F1C40F"))).json().get("id").asText();
        String kanji = ok(201, u.master.post(u.api() + "/visual-roles", object("name", KANRISHA, "position", 2))).json().get("id").asText();
        ok(204, u.master.put(u.api() + "/users/" + u.userId("zoe") + "/roles/" + u.roleId(ZOE), ""));
        ok(204, u.master.put(u.api() + "/users/" + u.userId("zoe") + "/roles/" + u.roleId(MODERATEUR), ""));
        ok(204, u.master.put(u.api() + "/users/" + u.userId("kenji") + "/roles/" + u.roleId(KANRISHA), ""));
        ok(204, u.master.put(u.api() + "/users/" + u.userId("zoe") + "/visual-roles/" + etoile, ""));
        ok(204, u.master.put(u.api() + "/users/" + u.userId("kenji") + "/visual-roles/" + kanji, ""));

        List<String> stored = names(ok(200, u.master.get(u.api() + "/roles")).json());
        assertEquals(List.of(ZOE, MODERATEUR, KANRISHA, "@everyone"), stored, "names are stored as sent");

        String exported = ok(200, u.master.get(u.api() + "/export")).body();
        JsonNode document = AdminClient.JSON.readTree(exported);
        assertTrue(names(document.get("roles")).containsAll(List.of(ZOE, MODERATEUR, KANRISHA)), exported);
        assertTrue(names(document.get("visualRoles")).containsAll(List.of(ETOILE, KANRISHA)), exported);
        String before = u.snapshot();
        for (String query : List.of("", "?prune=true")) {
            JsonNode result = ok(200, u.master.send("POST", u.api() + "/import" + query, JSON, exported)).json();
            assertEquals(0, result.get("changes").size(), "import" + query + " of the realm's own export: " + result);
            assertTrue(result.get("unknownUsers").isEmpty(), result.toString());
        }
        assertEquals(before, u.snapshot(), "nothing changed");
        assertEquals(exported, ok(200, u.master.get(u.api() + "/export")).body());

        Scenario fresh = Scenario.empty("unicode-fresh");
        fresh.user("zoe");
        fresh.user("kenji");
        JsonNode result = ok(200, fresh.master.send("POST", fresh.api() + "/import", JSON, exported)).json();
        assertTrue(result.get("unknownUsers").isEmpty(), result.toString());
        assertTrue(result.get("changes").size() > 0, result.toString());
        assertEquals(exported, ok(200, fresh.master.get(fresh.api() + "/export")).body(), "the fresh realm holds the same content");
        assertEquals(List.of(ZOE, MODERATEUR),
                names(ok(200, fresh.master.get(fresh.api() + "/users/" + fresh.userId("zoe") + "/roles")).json()));
        JsonNode again = ok(200, fresh.master.send("POST", fresh.api() + "/import", JSON, exported)).json();
        assertEquals(0, again.get("changes").size(), again.toString());
    }
}
