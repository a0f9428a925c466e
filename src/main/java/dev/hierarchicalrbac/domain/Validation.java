package dev.hierarchicalrbac.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field rules of design section 2. Each method returns the normalized value or throws a
 * {@link ValidationException} naming the field.
 *
 * <p>Lengths count Java {@code char}s (UTF-16 units), not code points: stricter for emoji, but a value
 * that passes always fits the VARCHAR columns on every supported database.
 */
public final class Validation {

    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 255;
    public static final int MAX_ICON_TOKENS = 4;
    public static final int MAX_ICON_LENGTH = 255;

    static final Pattern PERMISSION_NAME = Pattern.compile("^[a-z][a-z0-9_.:-]{0,63}$");
    static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    static final Pattern ICON_TOKEN = Pattern.compile("^fa-[a-z0-9-]+$");

    private Validation() {
    }

    /** Taken exactly as given (no trimming): the name is what applications read from tokens. */
    public static String permissionName(String name) {
        if (name == null) {
            throw new ValidationException("name", "name is required.");
        }
        if (!PERMISSION_NAME.matcher(name).matches()) {
            throw new ValidationException("name", "name must start with a lower-case letter, be at most 64"
                    + " characters long and contain only a-z, 0-9, '_', '.', ':' and '-'.");
        }
        return name;
    }

    /** An admin or visual role name: trimmed, 1–64 characters, no control characters. */
    public static String roleName(String name) {
        if (name == null) {
            throw new ValidationException("name", "name is required.");
        }
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationException("name", "name must not be blank.");
        }
        // The lower-cased key is stored too and may grow (e.g. 'İ'), so it must fit as well.
        if (trimmed.length() > MAX_NAME_LENGTH || nameKey(trimmed).length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name",
                    "name must be at most " + MAX_NAME_LENGTH + " characters long after trimming.");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("name", "name must not contain control characters.");
        }
        return trimmed;
    }

    /**
     * A name a person chooses for an admin role (create or rename): as {@link #roleName}, and not
     * {@code @everyone} in any case, which is reserved for the built-in role.
     */
    public static String newRoleName(String name) {
        String trimmed = roleName(name);
        if (trimmed.equalsIgnoreCase(AdminRole.EVERYONE_NAME)) {
            throw new ValidationException("name", "name '" + AdminRole.EVERYONE_NAME + "' is reserved.");
        }
        return trimmed;
    }

    /** Optional, kept as given (null stays null); line breaks and tabs allowed, other control characters not. */
    public static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ValidationException("description",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters long.");
        }
        if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new ValidationException("description", "description must not contain control characters.");
        }
        return description;
    }

    public static int position(Integer position) {
        if (position == null) {
            throw new ValidationException("position", "position is required.");
        }
        if (position < 1) {
            throw new ValidationException("position",
                    "position must be an integer of at least 1 (0 belongs to @everyone); got " + position + ".");
        }
        return position;
    }

    /**
     * Optional {@code #RRGGBB}, returned in upper case so equal colours compare equal. Null or blank
     * means "no colour" and returns null.
     */
    public static String color(String color) {
        if (color == null || color.isBlank()) {
            return null;
        }
        if (!COLOR.matcher(color).matches()) {
            throw new ValidationException("color", "color must look like #RRGGBB (six hexadecimal digits).");
        }
        return color.toUpperCase(Locale.ROOT);
    }

    /**
     * Optional Font Awesome classes, 1–4 tokens like {@code fa-solid fa-crown}, returned separated by
     * single spaces. The strict token pattern keeps markup and quotes out of the console. Null or
     * blank means "no icon" and returns null.
     */
    public static String icon(String icon) {
        if (icon == null || icon.isBlank()) {
            return null;
        }
        String[] tokens = icon.strip().split("\\s+");
        if (tokens.length > MAX_ICON_TOKENS) {
            throw new ValidationException("icon",
                    "icon must be at most " + MAX_ICON_TOKENS + " Font Awesome classes; got " + tokens.length + ".");
        }
        if (!Arrays.stream(tokens).allMatch(token -> ICON_TOKEN.matcher(token).matches())) {
            throw new ValidationException("icon",
                    "icon must be Font Awesome classes such as 'fa-solid fa-crown' (each matching fa-[a-z0-9-]+).");
        }
        String normalized = String.join(" ", tokens);
        if (normalized.length() > MAX_ICON_LENGTH) {
            throw new ValidationException("icon", "icon must be at most " + MAX_ICON_LENGTH + " characters long.");
        }
        return normalized;
    }

    /** The key under which role names are unique in a realm, ignoring case. */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
