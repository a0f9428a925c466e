package dev.hierarchicalrbac.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionTest {

    @Test
    void allow() {
        Decision decision = Decision.allow();
        assertTrue(decision.allowed());
        assertNull(decision.refusal());
        assertEquals("Allowed.", decision.reason());
    }

    @Test
    void refuse() {
        Decision decision = Decision.refuse(Refusal.HIERARCHY, "Because.");
        assertFalse(decision.allowed());
        assertEquals(Refusal.HIERARCHY, decision.refusal());
        assertEquals("Because.", decision.reason());
        assertEquals(Decision.refuse(Refusal.HIERARCHY, "Because."), decision);
        assertEquals("Decision[hierarchy: Because.]", decision.toString());
    }

    @Test
    void refusalNeedsKindAndReason() {
        assertThrows(NullPointerException.class, () -> Decision.refuse(null, "x"));
        assertThrows(NullPointerException.class, () -> Decision.refuse(Refusal.HIERARCHY, null));
    }

    @ParameterizedTest
    @CsvSource({
            "MISSING_PERMISSION, missing_permission, false",
            "HIERARCHY, hierarchy, false",
            "PERMISSION_NOT_HELD, permission_not_held, false",
            "OWNER_PROTECTION, owner_protection, false",
            "OWNER_ONLY, owner_only, false",
            "EVERYONE_PROTECTED, everyone_protected, true",
            "BUILT_IN, built_in, true",
    })
    void refusalCodes(Refusal refusal, String code, boolean structural) {
        assertEquals(code, refusal.code());
        assertEquals(structural ? 409 : 403, refusal.errorCode().status(), "structural refusals are conflicts");
    }
}
