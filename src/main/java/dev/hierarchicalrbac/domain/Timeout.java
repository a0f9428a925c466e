package dev.hierarchicalrbac.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time-out (design §9): until {@code until} the user holds only {@code @everyone}'s permissions, in
 * tokens and in every answer of the API; it ends by itself when the time has passed, no job needed.
 * The user keeps their roles and their position: a time-out takes away what they may do, not where
 * they stand, so a lower member still cannot act on them.
 */
public record Timeout(Instant until, String reason) {

    /** As Discord: a time-out lasts at most 28 days. */
    public static final Duration LONGEST = Duration.ofDays(28);

    public Timeout {
        Objects.requireNonNull(until, "until");
    }

    /** Whether a time-out that lasts until {@code until} (null: none) holds at {@code now}. */
    public static boolean holds(Instant until, Instant now) {
        return until != null && now.isBefore(until);
    }

    public boolean holdsAt(Instant now) {
        return holds(until, now);
    }
}
