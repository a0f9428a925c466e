package dev.hierarchicalrbac.domain;

import java.util.Objects;

/** The answer to "may this caller do this": allowed, or refused with a {@link Refusal} and a reason. */
public final class Decision {

    private static final Decision ALLOWED = new Decision(true, null, "Allowed.");

    private final boolean allowed;
    private final Refusal refusal;
    private final String reason;

    private Decision(boolean allowed, Refusal refusal, String reason) {
        this.allowed = allowed;
        this.refusal = refusal;
        this.reason = reason;
    }

    public static Decision allow() {
        return ALLOWED;
    }

    /** Allowed, saying why (e.g. that owners bypass the hierarchy). */
    public static Decision allow(String reason) {
        return new Decision(true, null, Objects.requireNonNull(reason, "reason"));
    }

    public static Decision refuse(Refusal refusal, String reason) {
        return new Decision(false, Objects.requireNonNull(refusal, "refusal"), Objects.requireNonNull(reason, "reason"));
    }

    public boolean allowed() {
        return allowed;
    }

    /** Null when allowed. */
    public Refusal refusal() {
        return refusal;
    }

    /** A sentence for a person, naming the rule that decided. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decision that
                && allowed == that.allowed && refusal == that.refusal && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowed, refusal, reason);
    }

    @Override
    public String toString() {
        return allowed ? "Decision[allowed: " + reason + "]" : "Decision[" + refusal.code() + ": " + reason + "]";
    }
}
