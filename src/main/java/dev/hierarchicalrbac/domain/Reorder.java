package dev.hierarchicalrbac.domain;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * @throws RbacException {@code invalid_input}: a move without id ("id"), an id named twice ("id"), a
     *         position below 1 ("position"); {@code not_found}: an id not in {@code current};
     *         {@code conflict}: two roles would share a position (see {@link Positions})
     */
    public static Map<String, Integer> apply(Map<String, Integer> current, List<Move> moves) {
        Set<String> seen = new HashSet<>();
        for (Move move : moves) {
            if (move == null || move.roleId() == null) {
                throw RbacException.invalid("id", "id is required for every move.");
            }
            if (!seen.add(move.roleId())) {
                throw RbacException.invalid("id", "Role '" + move.roleId() + "' appears more than once in the request.");
            }
            try {
                Validation.position(move.position());
            } catch (RbacException e) {
                throw RbacException.invalid("position", "Role '" + move.roleId() + "': " + e.getMessage());
            }
        }
        for (Move move : moves) {
            if (!current.containsKey(move.roleId())) {
                throw RbacException.notFound("Role", move.roleId());
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>(current);
        moves.forEach(move -> result.put(move.roleId(), move.position()));
        Positions.requireUnique(result);
        return Collections.unmodifiableMap(result);
    }
}
