package dev.hierarchicalrbac.domain;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionsTest {

    private static Map<String, Integer> realm(Object... nameThenPosition) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPosition.length; i += 2) {
            positions.put((String) nameThenPosition[i], (Integer) nameThenPosition[i + 1]);
        }
        return positions;
    }

    @Test
    void uniquePositionsHaveNoClash() {
        assertTrue(Positions.firstClash(realm("@everyone", 0, "a", 10, "b", 20)).isEmpty());
        Positions.requireUnique(realm("@everyone", 0, "a", 10));
    }

    @Test
    void theLowestClashIsNamedWithItsHoldersSorted() {
        Positions.Clash clash = Positions.firstClash(realm("z", 30, "y", 30, "b", 10, "a", 10)).orElseThrow();
        assertEquals(10, clash.position());
        assertEquals(List.of("a", "b"), clash.holders());
        assertEquals("Position 10 would be held by more than one role: a, b.", clash.sentence());
    }

    @Test
    void positionZeroBelongsToEveryone() {
        assertEquals(0, Positions.firstClash(realm("@everyone", 0, "x", 0)).orElseThrow().position());
    }

    @Test
    void aClashIsAConflictNamingPosition() {
        RbacException e = assertThrows(RbacException.class, () -> Positions.requireUnique(realm("a", 5, "b", 5)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("position", e.field());
        assertEquals(409, e.code().status());
    }
}
