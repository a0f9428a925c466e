package dev.hierarchicalrbac.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Small builders so each test reads like a row of the table. */
final class Fixtures {

    static final String SELF = "user-a";
    static final String OTHER = "user-u";

    static final AdminRole EVERYONE = AdminRole.everyone("everyone-id", Set.of());

    private Fixtures() {
    }

    /** A non-owner caller at highest position {@code h} holding {@code permissions}. */
    static Actor member(int h, String... permissions) {
        return new Actor(SELF, false, h, new HashSet<>(Arrays.asList(permissions)));
    }

    /** An owner who holds no role and no permission at all: the bypass must not depend on them. */
    static Actor owner() {
        return new Actor(SELF, true, 0, Set.of());
    }

    static AdminRole role(String name, int position, String... permissions) {
        return new AdminRole("id-" + name, name, null, position, null, null, Set.of(permissions));
    }

    static TargetUser user(int highestPosition) {
        return new TargetUser(OTHER, false, highestPosition);
    }

    static TargetUser ownerUser() {
        return new TargetUser(OTHER, true, 0);
    }

    static TargetUser self(int highestPosition) {
        return new TargetUser(SELF, false, highestPosition);
    }

    static void assertAllowed(Decision decision) {
        assertTrue(decision.allowed(), () -> "expected allowed, got " + decision);
        assertNull(decision.refusal());
    }

    static void assertRefused(Refusal expected, Decision decision) {
        assertFalse(decision.allowed(), () -> "expected " + expected + ", got " + decision);
        assertEquals(expected, decision.refusal(), decision::toString);
    }

    static void assertRefused(Refusal expected, String reason, Decision decision) {
        assertRefused(expected, decision);
        assertEquals(reason, decision.reason());
    }
}
