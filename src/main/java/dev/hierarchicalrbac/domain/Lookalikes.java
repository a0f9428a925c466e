package dev.hierarchicalrbac.domain;

/**
 * Cyrillic and Greek letters that a person cannot tell from Latin ones in a role name ({@code @еveryone}
 * with a Cyrillic е, {@code Аdmin} with a Cyrillic А), mapped to those Latin letters for comparing
 * names. A fixed table of the common homoglyphs of the two scripts most used to spoof Latin text, not
 * Unicode's full confusables list (TR 39), which needs ICU, a library Keycloak does not carry.
 */
final class Lookalikes {

    /** Pairs: each lookalike, then the Latin letter it passes for. */
    private static final String PAIRS =
            // Cyrillic capitals
            "АAВBЕEЅSІIЈJКKМMНHОOРPСCТTХXУYԌG"
            // Cyrillic small letters
            + "аaеeоoрpсcуyхxѕsіiјjԁdһhӏlԛqԝw"
            // Greek capitals
            + "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX"
            // Greek small letters
            + "οoνvιiκkρpυuαa";

    private static final char[] LATIN = new char[0x0530];

    static {
        for (int i = 0; i < PAIRS.length(); i += 2) {
            LATIN[PAIRS.charAt(i)] = PAIRS.charAt(i + 1);
        }
    }

    private Lookalikes() {
    }

    /** The text with every lookalike replaced by its Latin letter; other characters stay. */
    static String toLatin(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char latin = c < LATIN.length ? LATIN[c] : 0;
            if (latin != 0) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = latin;
            }
        }
        return chars == null ? text : new String(chars);
    }
}
