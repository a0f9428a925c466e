package dev.hierarchicalrbac.domain;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A bulk reorder ({@code PUT /roles/positions}): the whole request applies or nothing does, and the
 * final state must have unique positions. Moves are applied together, so swaps and cycles work even
 * though every intermediate single move would collide.
 */
public final class Reorder {

    /** One requested move, as the client sent it (hence the boxed position). */
    public record Move(String roleId, Integer position) {
    }

    private Reorder() {
    }

    /**
     * @param current position of every role of the realm by id, {@code @everyone} included at 0
     * @return the positions after the moves, by id; {@code current} is not modified
     * @throws ValidationException a move without id ("id"), an id named twice ("id"), a position below 1
     *         ("position")
     * @throws UnknownIdException an id not in {@code current}
     * @throws PositionConflictException two roles would share a position (the lowest such is named)
     */
    public static Map<String, Integer> apply(Map<String, Integer> current, List<Move> moves) {
        Set<String> seen = new HashSet<>();
        for (Move move : moves) {
            if (move == null || move.roleId() == null) {
                throw new ValidationException("id", "id is required for every move.");
            }
            if (!seen.add(move.roleId())) {
                throw new ValidationException("id", "Role '" + move.roleId() + "' appears more than once in the request.");
            }
            try {
                Validation.position(move.position());
            } catch (ValidationException e) {
                throw new ValidationException("position", "Role '" + move.roleId() + "': " + e.getMessage());
            }
        }
        for (Move move : moves) {
            if (!current.containsKey(move.roleId())) {
                throw new UnknownIdException(move.roleId());
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>(current);
        moves.forEach(move -> result.put(move.roleId(), move.position()));
        requireUniquePositions(result);
        return Collections.unmodifiableMap(result);
    }

    /** Whether a role other than {@code exceptId} (null: any role) sits at {@code position}. */
    public static boolean positionTaken(Map<String, Integer> current, int position, String exceptId) {
        return current.entrySet().stream()
                .anyMatch(entry -> entry.getValue() == position && !entry.getKey().equals(exceptId));
    }

    private static void requireUniquePositions(Map<String, Integer> positions) {
        Map<Integer, Set<String>> idsByPosition = new TreeMap<>();
        positions.forEach((id, position) -> idsByPosition.computeIfAbsent(position, p -> new TreeSet<>()).add(id));
        idsByPosition.forEach((position, ids) -> {
            if (ids.size() > 1) {
                throw new PositionConflictException(position, List.copyOf(ids));
            }
        });
    }
}
