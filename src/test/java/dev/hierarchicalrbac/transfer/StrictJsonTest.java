package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hierarchicalrbac.domain.ErrorCode;
import dev.hierarchicalrbac.domain.RbacException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictJsonTest {

    static final String JSON = "application/json";

    /** A small input shape like the API's. */
    public record Thing(String id, String name, Integer position, List<String> permissions) {
    }

    public record Move(String id, Integer position) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", " Application/JSON ", "application/merge-patch+json"})
    void jsonTypesAreAccepted(String type) {
        assertTrue(StrictJson.isJson(type));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "application/jsonx", "application/json-seq", "text/json+xml", "application/xml"})
    void otherTypesAreRefused(String type) {
        assertFalse(StrictJson.isJson(type));
    }

    @Test
    void readsATypedObjectAndTheFieldsItGave() {
        StrictJson.Body<Thing> body = StrictJson.object(JSON, "{\"name\":\"A\",\"position\":null}", Thing.class);
        assertEquals("A", body.value().name());
        assertNull(body.value().position());
        assertEquals(Set.of("name", "position"), body.present());
        assertEquals(7, body.merged("id", "3", Integer::valueOf, 7), "a field left out keeps the current value, unchecked");
        assertNull(body.merged("position", body.value().position(), p -> p, 7), "a field given as null is given");
        assertEquals("A!", body.merged("name", body.value().name(), n -> n + "!", "current"), "a given field is checked");
    }

    /** Each bad body, the field the 400 must name (empty: the body as a whole). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"A\",\"position\":4,\"position\":7}   | position",
            "{\"name\":\"A\",\"name\":\"B\"}                   | name",
            "{\"name\":\"A\"} {\"x\":1}                        | ''",
            "{\"name\":\"A\"}]                                 | ''",
            "{\"name\":\"A\",\"colour\":\"#000000\"}           | colour",
            "{\"name\":\"A\",\"position\":\"3\"}               | position",
            "{\"name\":\"A\",\"position\":1.5}                 | position",
            "{\"name\":\"A\",\"position\":1099511627776}       | position",
            "{\"name\":\"A\",\"position\":true}                | position",
            "{\"name\":123}                                    | name",
            "{\"name\":true}                                   | name",
            "{\"permissions\":\"view_logs\"}                   | permissions",
            "{\"permissions\":[1]}                             | permissions[0]",
            "{\"name\":                                        | ''",
    })
    void refusesWithTheFieldNamed(String body, String field) {
        RbacException e = assertThrows(RbacException.class, () -> StrictJson.object(JSON, body, Thing.class));
        assertEquals(ErrorCode.INVALID_INPUT, e.code(), e.getMessage());
        assertEquals(field.isEmpty() ? null : field, e.field(), e.getMessage());
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void aKeyGivenTwiceInAnArrayItemIsNamedByItsPlace() {
        RbacException e = assertThrows(RbacException.class, () -> StrictJson.array(JSON,
                "[{\"id\":\"a\",\"position\":3},{\"id\":\"b\",\"position\":3,\"position\":4}]", new TypeReference<List<Move>>() {
                }));
        assertEquals("[1].position", e.field());
    }

    @Test
    void aDocumentErrorNamesItsPlace() {
        RbacException twice = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"roles\":[],\"roles\":[]}"));
        assertEquals("roles", twice.field());
        RbacException unknown = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"roles\":[{\"name\":\"A\",\"position\":2,\"colour\":\"#000000\"}]}"));
        assertEquals("roles[0].colour", unknown.field());
        RbacException type = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"visualRoles\":[{\"name\":\"A\",\"position\":\"2\"}]}"));
        assertEquals("visualRoles[0].position", type.field());
        RbacException nested = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"assignments\":{\"bob\":{\"roles\":[],\"roles\":[\"A\"]}}}"));
        assertEquals("assignments.bob.roles", nested.field());
    }

    @Test
    void anOrganizationsErrorNamesItsPlace() {
        RbacException twice = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"organizations\":{\"acme\":{},\"acme\":{}}}"));
        assertEquals("organizations.acme", twice.field());
        RbacException visual = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"organizations\":{\"acme\":{\"assignments\":{\"bob\":{\"visualRoles\":[]}}}}}"));
        assertEquals("organizations.acme.assignments.bob.visualRoles", visual.field(), "visual roles are the realm's");
        RbacException type = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"organizations\":{\"acme\":{\"owners\":\"olga\"}}}"));
        assertEquals("organizations.acme.owners", type.field());
        RbacException trailing = assertThrows(RbacException.class,
                () -> StrictJson.document("{\"organizations\":{}} {}"));
        assertEquals(ErrorCode.INVALID_INPUT, trailing.code());
        assertEquals(0, StrictJson.document("{\"organizations\":{}}").organizations().size(), "an empty object is fine");
    }

    @Test
    void anArrayIsNotAnObjectAndAnObjectIsNotAnArray() {
        assertEquals(ErrorCode.INVALID_INPUT,
                assertThrows(RbacException.class, () -> StrictJson.object(JSON, "[1,2]", Thing.class)).code());
        assertEquals(ErrorCode.INVALID_INPUT, assertThrows(RbacException.class,
                () -> StrictJson.array(JSON, "{\"id\":\"a\"}", new TypeReference<List<Move>>() {
                })).code());
    }

    @Test
    void wrongTypeEmptyAndLargeBodiesHaveTheirOwnCodes() {
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(RbacException.class, () -> StrictJson.object("text/plain", "{}", Thing.class)).code());
        assertEquals(ErrorCode.INVALID_INPUT,
                assertThrows(RbacException.class, () -> StrictJson.object(JSON, "  ", Thing.class)).code());
        String large = "{\"name\":\"" + "x".repeat(StrictJson.MAX_CHARS) + "\"}";
        assertEquals(ErrorCode.TOO_LARGE,
                assertThrows(RbacException.class, () -> StrictJson.object(JSON, large, Thing.class)).code());
    }

    @Test
    void trailingWhitespaceIsNoTrailingData() {
        assertEquals("A", StrictJson.object(JSON, "{\"name\":\"A\"}\n  ", Thing.class).value().name());
    }
}
