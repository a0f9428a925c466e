package dev.hierarchicalrbac.domain;

import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field rules of design section 2. Each method returns the normalized value or throws an
 * {@link RbacException} ({@code invalid_input}) naming the field.
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

    private static final String EVERYONE_KEY = nameKey(AdminRole.EVERYONE_NAME);

    private Validation() {
    }

    /** Taken exactly as given (no trimming): the name is what applications read from tokens. */
    public static String permissionName(String name) {
        if (name == null) {
            throw RbacException.invalid("name", "name is required.");
        }
        if (!PERMISSION_NAME.matcher(name).matches()) {
            throw RbacException.invalid("name", "name must start with a lower-case letter, be at most 64"
                    + " characters long and contain only a-z, 0-9, '_', '.', ':' and '-'.");
        }
        return name;
    }

    /**
     * An admin or visual role name: Unicode text in its NFKC form (fullwidth letters, ligatures and
     * no-break spaces become their plain forms), without invisible or direction-changing characters,
     * trimmed, 1–64 characters. What is stored is what is shown, so two names that look the same are
     * caught by {@link #nameKey}.
     */
    public static String roleName(String name) {
        if (name == null) {
            throw RbacException.invalid("name", "name is required.");
        }
        requireWellFormed("name", name);
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        if (normalized.isEmpty()) {
            throw RbacException.invalid("name", "name must not be blank.");
        }
        if (normalized.codePoints().anyMatch(Character::isISOControl)) {
            throw RbacException.invalid("name", "name must not contain control characters.");
        }
        if (normalized.codePoints().anyMatch(Validation::isInvisible)) {
            throw RbacException.invalid("name", "name must not contain invisible or text-direction characters"
                    + " (such as U+200B, U+200D, U+202E or U+FEFF).");
        }
        // The key is stored too and may grow (e.g. 'İ' lower-cased), so it must fit as well.
        if (normalized.length() > MAX_NAME_LENGTH || nameKey(normalized).length() > MAX_NAME_LENGTH) {
            throw RbacException.invalid("name",
                    "name must be at most " + MAX_NAME_LENGTH + " characters long after trimming.");
        }
        return normalized;
    }

    /**
     * A name a person chooses for an admin role (create or rename): as {@link #roleName}, and not
     * {@code @everyone} in any case or lookalike, which is reserved for the built-in role.
     */
    public static String newRoleName(String name) {
        String normalized = roleName(name);
        if (isEveryoneName(normalized)) {
            throw RbacException.invalid("name", "name '" + AdminRole.EVERYONE_NAME + "' is reserved.");
        }
        return normalized;
    }

    /** Whether a name is {@code @everyone}'s, by {@link #nameKey} (so in any case and any lookalike). */
    public static boolean isEveryoneName(String name) {
        return name != null && nameKey(name).equals(EVERYONE_KEY);
    }

    /**
     * Optional, kept as given (null stays null); line breaks and tabs allowed, other control characters
     * not, and it must be Unicode text (no lone surrogate).
     */
    public static String description(String description) {
        if (description == null) {
            return null;
        }
        requireWellFormed("description", description);
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw RbacException.invalid("description",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters long.");
        }
        if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw RbacException.invalid("description", "description must not contain control characters.");
        }
        return description;
    }

    public static int position(Integer position) {
        if (position == null) {
            throw RbacException.invalid("position", "position is required.");
        }
        if (position < 1) {
            throw RbacException.invalid("position",
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
            throw RbacException.invalid("color", "color must look like #RRGGBB (six hexadecimal digits).");
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
            throw RbacException.invalid("icon",
                    "icon must be at most " + MAX_ICON_TOKENS + " Font Awesome classes; got " + tokens.length + ".");
        }
        if (!Arrays.stream(tokens).allMatch(token -> ICON_TOKEN.matcher(token).matches())) {
            throw RbacException.invalid("icon",
                    "icon must be Font Awesome classes such as 'fa-solid fa-crown' (each matching fa-[a-z0-9-]+).");
        }
        String normalized = String.join(" ", tokens);
        if (normalized.length() > MAX_ICON_LENGTH) {
            throw RbacException.invalid("icon", "icon must be at most " + MAX_ICON_LENGTH + " characters long.");
        }
        return normalized;
    }

    /**
     * When a time-out ends: an ISO-8601 instant with an offset ({@code 2026-12-24T18:00:00Z},
     * {@code 2026-12-24T19:00:00+01:00}), after {@code now} and at most {@link Timeout#LONGEST} ahead.
     */
    public static Instant timeoutUntil(String until, Instant now) {
        if (until == null || until.isBlank()) {
            throw RbacException.invalid("until", "until is required: when the time-out ends, e.g. 2026-12-24T18:00:00Z.");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(until.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw RbacException.invalid("until", "until must be an ISO-8601 instant with an offset, e.g. 2026-12-24T18:00:00Z.");
        }
        if (!instant.isAfter(now)) {
            throw RbacException.invalid("until", "until must be in the future.");
        }
        if (instant.isAfter(now.plus(Timeout.LONGEST))) {
            throw RbacException.invalid("until", "until must be at most " + Timeout.LONGEST.toDays() + " days ahead.");
        }
        return instant;
    }

    /** Why a moderation action was taken: optional, as a description, named {@code reason}. */
    public static String reason(String reason) {
        try {
            return description(reason);
        } catch (RbacException e) {
            throw RbacException.invalid("reason", e.getMessage().replaceFirst("^description", "reason"));
        }
    }

    /**
     * A visual role's display position: 0 or more, 0 when left out. It only orders the display, so
     * it is not unique and carries no authority.
     */
    public static int visualPosition(Integer position) {
        if (position == null) {
            return 0;
        }
        if (position < 0) {
            throw RbacException.invalid("position", "position must be 0 or more.");
        }
        return position;
    }

    /**
     * The key under which role names are unique in a realm: two names with the same key look the same
     * to a person. NFKC form, trimmed, Cyrillic and Greek letters that look like Latin ones replaced
     * by those (see {@link Lookalikes}), then lower case.
     */
    public static String nameKey(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        String visible = normalized.codePoints().filter(c -> !isDefaultIgnorable(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        // Before and after lower-casing: a capital whose small letter is the lookalike (Һ, һ) counts too.
        return Lookalikes.toLatin(Lookalikes.toLatin(visible).toLowerCase(Locale.ROOT));
    }

    /**
     * Unicode's Default_Ignorable_Code_Point: characters a renderer shows as nothing (variation
     * selectors, the combining grapheme joiner, Mongolian free variation selectors, tags, besides the
     * format characters a name may not hold at all). A name keeps them (an emoji's U+FE0F), its key
     * does not: {@code @everyone} followed by one is still {@code @everyone}.
     */
    private static boolean isDefaultIgnorable(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x061C || (c >= 0x115F && c <= 0x1160) || (c >= 0x17B4 && c <= 0x17B5)
                || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /**
     * Text must be Unicode: a lone UTF-16 surrogate (JSON {@code "\\ud800"}) is no character at all,
     * and the export could not write it back.
     */
    static void requireWellFormed(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw RbacException.invalid(field, field + " is not valid Unicode text: it holds a lone surrogate"
                        + " (\\u" + Integer.toHexString(c) + ") at index " + i + ".");
            }
        }
    }

    /**
     * Format characters (zero-width spaces and joiners, direction marks and overrides, the byte order
     * mark, the soft hyphen) and the blank fillers of Hangul and Braille: they change how a name reads
     * without being seen.
     */
    private static boolean isInvisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT
                || Character.getType(codePoint) == Character.LINE_SEPARATOR
                || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR
                || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800;
    }

}
