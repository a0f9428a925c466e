package dev.hierarchicalrbac.domain;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;

/**
 * An immutable set of names in natural (String) order over one sorted array: what a cached user's
 * effective permissions are handed out as. Lookups are binary searches, iteration is in order, the
 * list view costs nothing, and {@link AdminRole#sortedCopy} keeps it as it is instead of building a
 * tree of its names on every request.
 */
public final class SortedNames extends AbstractSet<String> implements SortedSet<String> {

    private static final SortedNames EMPTY = new SortedNames(new String[0]);

    private final String[] names;

    private SortedNames(String[] names) {
        this.names = names;
    }

    /** Takes names that are already sorted and distinct; the array must not change afterwards. */
    public static SortedNames ofSortedDistinct(String[] names) {
        for (int i = 1; i < names.length; i++) {
            if (names[i - 1].compareTo(names[i]) >= 0) {
                throw new IllegalArgumentException("not sorted and distinct at " + i + ": " + names[i - 1] + ", " + names[i]);
            }
        }
        return names.length == 0 ? EMPTY : new SortedNames(names);
    }

    /**
     * The names whose positions have their bit set ({@code bits[i >>> 6] & (1L << i)}), in order: a
     * subset, so sorted and distinct by construction.
     */
    public SortedNames select(long[] bits) {
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        if (count == names.length) {
            return this;
        }
        String[] selected = new String[count];
        int next = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) {
                selected[next++] = names[(w << 6) + Long.numberOfTrailingZeros(word)];
            }
        }
        return count == 0 ? EMPTY : new SortedNames(selected);
    }

    /** The names in order, as an unmodifiable list backed by the same array. */
    public List<String> asList() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String s && Arrays.binarySearch(names, s) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < names.length;
            }

            @Override
            public String next() {
                if (next >= names.length) {
                    throw new NoSuchElementException();
                }
                return names[next++];
            }
        };
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public SortedSet<String> subSet(String fromElement, String toElement) {
        if (fromElement.compareTo(toElement) > 0) {
            throw new IllegalArgumentException(fromElement + " > " + toElement);
        }
        return range(indexOf(fromElement), indexOf(toElement));
    }

    @Override
    public SortedSet<String> headSet(String toElement) {
        return range(0, indexOf(toElement));
    }

    @Override
    public SortedSet<String> tailSet(String fromElement) {
        return range(indexOf(fromElement), names.length);
    }

    @Override
    public String first() {
        if (names.length == 0) {
            throw new NoSuchElementException();
        }
        return names[0];
    }

    @Override
    public String last() {
        if (names.length == 0) {
            throw new NoSuchElementException();
        }
        return names[names.length - 1];
    }

    /** Where {@code name} is or would be inserted. */
    private int indexOf(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? i : -i - 1;
    }

    private SortedNames range(int from, int to) {
        return from >= to ? EMPTY : new SortedNames(Arrays.copyOfRange(names, from, to));
    }
}
