package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.RbacException;

/** {@code first} and {@code max} query parameters, validated like any other input. */
record Paging(int first, int max) {

    static final int DEFAULT_MAX = 100;
    static final int LIMIT = 1000;

    static Paging of(String first, String max) {
        return new Paging(number("first", first, 0, 0, Integer.MAX_VALUE), number("max", max, DEFAULT_MAX, 1, LIMIT));
    }

    private static int number(String name, String value, int fallback, int min, int maxValue) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > maxValue) {
                throw RbacException.invalid(name, name + " must be between " + min + " and " + maxValue + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw RbacException.invalid(name, name + " must be a whole number.");
        }
    }
}
