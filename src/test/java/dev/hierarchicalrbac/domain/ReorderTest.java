package dev.hierarchicalrbac.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hierarchicalrbac.domain.Reorder.Move;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReorderTest {

    /** @everyone at 0, then roles a, b, c, d at 10, 20, 30, 40. */
    private static Map<String, Integer> realm() {
        Map<String, Integer> current = new LinkedHashMap<>();
        current.put("everyone", 0);
        current.put("a", 10);
        current.put("b", 20);
        current.put("c", 30);
        current.put("d", 40);
        return current;
    }

    private static List<Move> moves(Object... idThenPosition) {
        Move[] moves = new Move[idThenPosition.length / 2];
        for (int i = 0; i < moves.length; i++) {
            moves[i] = new Move((String) idThenPosition[2 * i], (Integer) idThenPosition[2 * i + 1]);
        }
        return Arrays.asList(moves);
    }

    @Test
    void swapAppliesTogether() {
        Map<String, Integer> result = Reorder.apply(realm(), moves("a", 20, "b", 10));
        assertEquals(Map.of("everyone", 0, "a", 20, "b", 10, "c", 30, "d", 40), result);
    }

    @Test
    void cycleAppliesTogether() {
        Map<String, Integer> result = Reorder.apply(realm(), moves("a", 20, "b", 30, "c", 10));
        assertEquals(Map.of("everyone", 0, "a", 20, "b", 30, "c", 10, "d", 40), result);
    }

    @Test
    void moveToAFreePosition() {
        assertEquals(15, Reorder.apply(realm(), moves("d", 15)).get("d"));
    }

    @Test
    void noMovesChangeNothing() {
        assertEquals(realm(), Reorder.apply(realm(), List.of()));
    }

    @Test
    void currentIsNotModified() {
        Map<String, Integer> current = realm();
        Reorder.apply(current, moves("a", 20, "b", 10));
        assertEquals(realm(), current);
    }

    @Test
    void collisionWithAnUnmovedRole() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", 30)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("position", e.field());
        assertEquals("Position 30 would be held by more than one role: a, c.", e.getMessage());
    }

    @Test
    void collisionBetweenTwoMovedRoles() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", 15, "b", 15)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("Position 15 would be held by more than one role: a, b.", e.getMessage());
    }

    @Test
    void halfASwapCollides() {
        assertEquals(ErrorCode.CONFLICT, assertThrows(RbacException.class, () -> Reorder.apply(realm(), moves("a", 20))).code());
    }

    @Test
    void duplicateIds() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", 15, "a", 16)));
        assertEquals("id", e.field());
        assertEquals("Role 'a' appears more than once in the request.", e.getMessage());
    }

    @Test
    void missingId() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves(null, 15)));
        assertEquals("id", e.field());
    }

    @Test
    void nullMove() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), Arrays.asList((Move) null)));
        assertEquals("id", e.field());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void moveToZeroOrBelow(int position) {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", position)));
        assertEquals("position", e.field());
    }

    @Test
    void missingPosition() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", null)));
        assertEquals("position", e.field());
    }

    @Test
    void unknownId() {
        RbacException e = assertThrows(RbacException.class,
                () -> Reorder.apply(realm(), moves("a", 15, "ghost", 16)));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("Role 'ghost' not found", e.getMessage());
    }

    @Test
    void invalidInputIsReportedBeforeUnknownIds() {
        assertEquals(ErrorCode.INVALID_INPUT,
                assertThrows(RbacException.class, () -> Reorder.apply(realm(), moves("ghost", 16, "a", 0))).code());
    }
}
