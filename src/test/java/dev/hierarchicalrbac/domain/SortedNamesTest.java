package dev.hierarchicalrbac.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortedNamesTest {

    static final String[] CATALOGUE = {"a", "a-b", "a.b", "a:b", "a_b", "b", "manage_users", "view_logs"};

    @Test
    void itBehavesLikeATreeSetOfTheSameNames() {
        SortedNames names = SortedNames.ofSortedDistinct(CATALOGUE.clone());
        TreeSet<String> tree = new TreeSet<>(List.of(CATALOGUE));
        assertEquals(tree, names);
        assertEquals(names, tree);
        assertEquals(tree.hashCode(), names.hashCode());
        assertEquals(List.copyOf(tree), List.copyOf(names));
        assertEquals(List.copyOf(tree), names.asList());
        assertEquals("a", names.first());
        assertEquals("view_logs", names.last());
        assertEquals(List.copyOf(tree.subSet("a.b", "b")), List.copyOf(names.subSet("a.b", "b")));
        assertEquals(List.copyOf(tree.headSet("a_")), List.copyOf(names.headSet("a_")));
        assertEquals(List.copyOf(tree.tailSet("a_")), List.copyOf(names.tailSet("a_")));
        assertTrue(names.contains("a:b"));
        assertFalse(names.contains("a:c"));
        assertFalse(names.contains(42));
    }

    @Test
    void selectingBitsKeepsTheOrderAndTheWholeSetIsItself() {
        SortedNames names = SortedNames.ofSortedDistinct(CATALOGUE.clone());
        long[] bits = {(1L << 0) | (1L << 4) | (1L << 7)};
        assertEquals(List.of("a", "a_b", "view_logs"), names.select(bits).asList());
        assertSame(names, names.select(new long[] {0xFFL}));
        assertTrue(names.select(new long[] {0L}).isEmpty());
    }

    @Test
    void itIsImmutableAndSortedCopyKeepsIt() {
        SortedNames names = SortedNames.ofSortedDistinct(new String[] {"a", "b"});
        assertThrows(UnsupportedOperationException.class, () -> names.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> names.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> names.asList().set(0, "z"));
        SortedSet<String> copy = AdminRole.sortedCopy(names);
        assertSame(names, copy);
        assertEquals(Set.of("a", "b"), new Actor("u", false, 0, names).permissions());
    }

    @Test
    void namesThatAreNotSortedAndDistinctAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SortedNames.ofSortedDistinct(new String[] {"b", "a"}));
        assertThrows(IllegalArgumentException.class, () -> SortedNames.ofSortedDistinct(new String[] {"a", "a"}));
        SortedNames empty = SortedNames.ofSortedDistinct(new String[0]);
        assertThrows(NoSuchElementException.class, empty::first);
        assertThrows(NoSuchElementException.class, () -> empty.iterator().next());
    }
}
