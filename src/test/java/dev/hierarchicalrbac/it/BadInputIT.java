package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A corpus of bad input, sent by an owner (so authorisation is never the reason): each answers the
 * expected 4xx with a JSON error body and leaves every stored thing as it was.
 */
class BadInputIT {

    static Scenario s;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("bad-input");
    }

    static final String JSON = "application/json";
    static final String LONG_65 = "x".repeat(65);
    static final String LONG_256 = "d".repeat(256);

    static Stream<Arguments> corpus() {
        return Stream.of(
                arguments("empty name", "POST", "/roles", JSON, "{\"name\":\"\",\"position\":2}", 400),
                arguments("blank name", "POST", "/roles", JSON, "{\"name\":\"   \",\"position\":2}", 400),
                arguments("name of 65 characters", "POST", "/roles", JSON, "{\"name\":\"" + LONG_65 + "\",\"position\":2}", 400),
                arguments("duplicate name in other case", "POST", "/roles", JSON, "{\"name\":\"lOWEST\",\"position\":2}", 409),
                arguments("name @everyone", "POST", "/roles", JSON, "{\"name\":\"@Everyone\",\"position\":2}", 400),
                arguments("name missing", "POST", "/roles", JSON, "{\"position\":2}", 400),
                arguments("name not a string", "POST", "/roles", JSON, "{\"name\":123,\"position\":2}", 400),
                arguments("colour word", "POST", "/roles", JSON, "{\"name\":\"C1\",\"position\":2,\"color\":\"red\"}", 400),
                arguments("colour short", "POST", "/roles", JSON, "{\"name\":\"C2\",\"position\":2,\"color\":\"#fff\"}", 400),
                arguments("colour not hex", "POST", "/roles", JSON, "{\"name\":\"C3\",\"position\":2,\"color\":\"#GGGGGG\"}", 400),
                arguments("icon with script", "POST", "/roles", JSON, "{\"name\":\"I1\",\"position\":2,\"icon\":\"<script>alert(1)</script>\"}", 400),
                arguments("icon with attribute injection", "POST", "/roles", JSON, "{\"name\":\"I2\",\"position\":2,\"icon\":\"fa-x\\\" onmouseover=\\\"alert(1)\"}", 400),
                arguments("icon with five tokens", "POST", "/roles", JSON, "{\"name\":\"I3\",\"position\":2,\"icon\":\"fa-a fa-b fa-c fa-d fa-e\"}", 400),
                arguments("icon not fa-", "POST", "/roles", JSON, "{\"name\":\"I4\",\"position\":2,\"icon\":\"fas fa-x\"}", 400),
                arguments("position 0", "POST", "/roles", JSON, "{\"name\":\"P1\",\"position\":0}", 400),
                arguments("position negative", "POST", "/roles", JSON, "{\"name\":\"P2\",\"position\":-1}", 400),
                arguments("position not an integer", "POST", "/roles", JSON, "{\"name\":\"P3\",\"position\":1.5}", 400),
                arguments("position as a string", "POST", "/roles", JSON, "{\"name\":\"P4\",\"position\":\"3\"}", 400),
                arguments("position beyond int", "POST", "/roles", JSON, "{\"name\":\"P5\",\"position\":1099511627776}", 400),
                arguments("position missing", "POST", "/roles", JSON, "{\"name\":\"P6\"}", 400),
                arguments("position taken", "POST", "/roles", JSON, "{\"name\":\"P7\",\"position\":5}", 409),
                arguments("description of 256 characters", "POST", "/roles", JSON, "{\"name\":\"D1\",\"position\":2,\"description\":\"" + LONG_256 + "\"}", 400),
                arguments("unknown permission", "POST", "/roles", JSON, "{\"name\":\"U1\",\"position\":2,\"permissions\":[\"no_such\"]}", 400),
                arguments("permissions not an array", "POST", "/roles", JSON, "{\"name\":\"U2\",\"position\":2,\"permissions\":\"view_logs\"}", 400),
                arguments("malformed JSON", "POST", "/roles", JSON, "{\"name\":", 400),
                arguments("array instead of object", "POST", "/roles", JSON, "[1,2]", 400),
                arguments("empty body", "POST", "/roles", JSON, "", 400),
                arguments("wrong content type", "POST", "/roles", "text/plain", "{\"name\":\"T1\",\"position\":2}", 415),
                arguments("content type that only starts like JSON", "POST", "/roles", "application/jsonx", "{\"name\":\"T2\",\"position\":2}", 415),
                arguments("very large body", "POST", "/roles", JSON, "{\"name\":\"L1\",\"position\":2,\"description\":\"" + "y".repeat(2_000_000) + "\"}", 413),
                arguments("edit unknown role", "PUT", "/roles/no-such-id", JSON, "{\"color\":\"#000000\"}", 404),
                arguments("delete unknown role", "DELETE", "/roles/no-such-id", JSON, "", 404),
                arguments("rename to another role's name in other case", "PUT", "/roles/{Lowest}", JSON, "{\"name\":\"HELPER\"}", 409),
                arguments("move onto a taken position", "PUT", "/roles/{Lowest}", JSON, "{\"position\":10}", 409),
                arguments("id in body differs from path", "PUT", "/roles/{Lowest}", JSON, "{\"id\":\"other\",\"color\":\"#000000\"}", 400),
                arguments("reorder with duplicate ids", "PUT", "/roles/positions", JSON, "[{\"id\":\"{Lowest}\",\"position\":3},{\"id\":\"{Lowest}\",\"position\":4}]", 400),
                arguments("reorder to position 0", "PUT", "/roles/positions", JSON, "[{\"id\":\"{Lowest}\",\"position\":0}]", 400),
                arguments("reorder of an unknown id", "PUT", "/roles/positions", JSON, "[{\"id\":\"nope\",\"position\":3}]", 404),
                arguments("reorder onto an unmoved role", "PUT", "/roles/positions", JSON, "[{\"id\":\"{Lowest}\",\"position\":15}]", 409),
                arguments("reorder that is not an array", "PUT", "/roles/positions", JSON, "{\"id\":\"{Lowest}\"}", 400),
                arguments("reorder item without id", "PUT", "/roles/positions", JSON, "[{\"position\":3}]", 400),
                arguments("permission with a bad name", "POST", "/permissions", JSON, "{\"name\":\"Bad Name\"}", 400),
                arguments("permission name taken", "POST", "/permissions", JSON, "{\"name\":\"manage_users\"}", 409),
                arguments("delete a built-in permission", "DELETE", "/permissions/{perm:view_logs}", JSON, "", 409),
                arguments("assign to an unknown user", "PUT", "/users/nobody/roles/{Lowest}", JSON, "", 404),
                arguments("assign an unknown role", "PUT", "/users/{user:plain}/roles/nope", JSON, "", 404),
                arguments("replace roles with an object", "PUT", "/users/{user:plain}/roles", JSON, "{\"roles\":[]}", 400),
                arguments("replace roles with numbers", "PUT", "/users/{user:plain}/roles", JSON, "[1,2]", 400),
                arguments("members with max not a number", "GET", "/roles/{Lowest}/users?max=abc", JSON, "", 400),
                arguments("members with negative first", "GET", "/roles/{Lowest}/users?first=-1", JSON, "", 400),
                arguments("visual role name too long", "POST", "/visual-roles", JSON, "{\"name\":\"" + LONG_65 + "\"}", 400),
                arguments("visual role negative position", "POST", "/visual-roles", JSON, "{\"name\":\"V1\",\"position\":-3}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersA4xxWithAJsonErrorAndChangesNothing(String name, String method, String path, String contentType, String body,
                                                    int expected) {
        String before = s.snapshot();
        AdminClient.Response response = s.master.send(method, s.api() + resolve(path), contentType, resolve(body));
        assertEquals(expected, response.status(), response::toString);
        assertFalse(response.json().path("error").asText().isEmpty(), response::toString);
        assertTrue(response.json().path("error_description").asText().length() > 5, response::toString);
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("\\{(user:[^{}\"]+|perm:[^{}\"]+|[A-Z][A-Za-z]*)\\}");

    /** Replaces {Role}, {user:name} and {perm:name} with ids of the scenario. */
    private static String resolve(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> {
            String token = match.group(1);
            String id = token.startsWith("user:") ? s.userId(token.substring(5))
                    : token.startsWith("perm:") ? s.permissionId(token.substring(5))
                    : s.roleId(token);
            return java.util.regex.Matcher.quoteReplacement(id);
        });
    }
}
