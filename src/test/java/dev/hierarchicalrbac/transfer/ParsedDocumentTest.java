package dev.hierarchicalrbac.transfer;

import dev.hierarchicalrbac.domain.RbacException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The organizations part of a document is checked by the rules of the realm's part, each error at its place. */
class ParsedDocumentTest {

    private static ParsedDocument parse(String json) {
        return ParsedDocument.parse(StrictJson.document(json));
    }

    private static String refusedAt(String json) {
        return assertThrows(RbacException.class, () -> parse(json)).field();
    }

    @Test
    void anOrganizationsLaddersAreReadLikeTheRealms() {
        ParsedDocument doc = parse("""
                {"roles":[{"name":"Lead","position":10}],
                 "organizations":{"acme":{"roles":[{"name":"Lead","position":10},{"name":"@Everyone","permissions":["view_logs"]}],
                                          "owners":["olga"],"assignments":{"alice":{"roles":["lead"]}}},
                                  "globex":{}}}""");
        ParsedDocument.Organization acme = doc.organizations.get("acme");
        assertEquals(Set.of("lead", "@everyone"), acme.roles().keySet(), "names are unique per ladder, not per realm");
        assertEquals(0, acme.roles().get("@everyone").position());
        assertEquals(List.of("olga"), acme.owners());
        assertEquals(List.of("lead"), acme.assignments().get("alice"));
        assertTrue(doc.organizations.get("globex").roles().isEmpty());
        assertNull(parse("{}").organizations, "left out: organizations are left alone");
    }

    @Test
    void errorsInAnOrganizationNameTheirPlace() {
        assertEquals("organizations.acme.roles[1].position",
                refusedAt("{\"organizations\":{\"acme\":{\"roles\":[{\"name\":\"A\",\"position\":3},{\"name\":\"B\",\"position\":3}]}}}"));
        assertEquals("organizations.acme.roles[0].color",
                refusedAt("{\"organizations\":{\"acme\":{\"roles\":[{\"name\":\"A\",\"position\":3,\"color\":\"red\"}]}}}"));
        assertEquals("organizations.acme.roles[1].name",
                refusedAt("{\"organizations\":{\"acme\":{\"roles\":[{\"name\":\"A\",\"position\":3},{\"name\":\"a\",\"position\":4}]}}}"));
        assertEquals("organizations.acme.owners[1]", refusedAt("{\"organizations\":{\"acme\":{\"owners\":[\"olga\",\"OLGA\"]}}}"));
        assertEquals("organizations.acme.owners[0]", refusedAt("{\"organizations\":{\"acme\":{\"owners\":[null]}}}"));
        assertEquals("organizations.acme", refusedAt("{\"organizations\":{\"acme\":null}}"));
        assertEquals("organizations.acme.assignments.Bob",
                refusedAt("{\"organizations\":{\"acme\":{\"assignments\":{\"bob\":{},\"Bob\":{}}}}}"));
    }

    @Test
    void anOrganizationsReferencesAreCheckedInItsOwnLadder() {
        ParsedDocument doc = parse("""
                {"roles":[{"name":"Realm only","position":5}],
                 "organizations":{"acme":{"roles":[{"name":"Lead","position":10,"permissions":["edit_recipes"]}],
                                          "assignments":{"alice":{"roles":["Realm only"]}}}}}""");
        ParsedDocument.Organization acme = doc.organizations.get("acme");
        RbacException permission = assertThrows(RbacException.class,
                () -> ParsedDocument.checkReferences(acme, Set.of("view_logs"), List.of(), false));
        assertEquals("organizations.acme.roles[0].permissions", permission.field());
        RbacException role = assertThrows(RbacException.class,
                () -> ParsedDocument.checkReferences(acme, Set.of("edit_recipes"), List.of(), false));
        assertEquals("organizations.acme.assignments.alice", role.field(), "a realm role is no role of the organization");
        assertTrue(role.getMessage().contains("'Realm only'"), role.getMessage());
    }
}
