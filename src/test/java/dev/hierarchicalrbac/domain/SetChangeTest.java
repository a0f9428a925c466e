package dev.hierarchicalrbac.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetChangeTest {

    @Test
    void addsWhatIsWantedAndNotHeldRemovesWhatIsHeldAndNotWanted() {
        SetChange<String> change = SetChange.of(List.of("a", "b"), List.of("b", "c"));
        assertEquals(Set.of("c"), change.added());
        assertEquals(Set.of("a"), change.removed());
        assertFalse(change.isEmpty());
    }

    @Test
    void theSameSetInAnotherOrderOrWithRepeatsIsNoChange() {
        assertTrue(SetChange.of(List.of("a", "b"), List.of("b", "a", "b")).isEmpty());
        assertTrue(SetChange.of(List.of(), List.of()).isEmpty());
    }

    @Test
    void emptyingAndFilling() {
        assertEquals(Set.of("a", "b"), SetChange.of(List.of("a", "b"), List.of()).removed());
        assertEquals(Set.of("x"), SetChange.of(List.of(), List.of("x")).added());
    }
}
