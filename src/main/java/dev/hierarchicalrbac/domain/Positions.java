package dev.hierarchicalrbac.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule that admin-role positions are unique in a realm (design §2), judged on the state a change
 * would leave: a create, an edit, a reorder and an import all ask it about their final positions.
 * Positions are never shifted implicitly. The database's unique constraint is only the last line.
 */
public final class Positions {

    /** A position the final state would give to more than one role. */
    public record Clash(int position, List<String> holders) {

        public String sentence() {
            return "Position " + position + " would be held by more than one role: " + String.join(", ", holders) + ".";
        }
    }

    private Positions() {
    }

    /**
     * @param positionByRole the final position of every role, keyed by a label of the role (its id or
     *        its name), {@code @everyone} included
     * @return the lowest position held twice, with its holders sorted, or empty when all are unique
     */
    public static Optional<Clash> firstClash(Map<String, Integer> positionByRole) {
        Map<Integer, Set<String>> holders = new TreeMap<>();
        positionByRole.forEach((role, position) -> holders.computeIfAbsent(position, p -> new TreeSet<>()).add(role));
        return holders.entrySet().stream().filter(e -> e.getValue().size() > 1).findFirst()
                .map(e -> new Clash(e.getKey(), List.copyOf(e.getValue())));
    }

    /** @throws RbacException 409 {@code conflict} naming {@code position} when two roles would share one */
    public static void requireUnique(Map<String, Integer> positionByRole) {
        firstClash(positionByRole).ifPresent(clash -> {
            throw RbacException.conflict("position", clash.sentence());
        });
    }
}
