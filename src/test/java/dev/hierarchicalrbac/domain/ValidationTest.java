package dev.hierarchicalrbac.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    private static void assertInvalid(String field, Function<String, ?> rule, String value) {
        RbacException e = assertThrows(RbacException.class, () -> rule.apply(value),
                () -> "expected '" + value + "' to be invalid");
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field), () -> "message should name the field: " + e.getMessage());
    }

    @Nested
    class PermissionName {

        @ParameterizedTest
        @ValueSource(strings = {"a", "manage_users", "recipes.edit", "app:recipes:edit", "x-y", "a1", "v2_beta.1"})
        void valid(String name) {
            assertEquals(name, Validation.permissionName(name));
        }

        @Test
        void sixtyFourCharactersIsTheLimit() {
            String max = "a" + "b".repeat(63);
            assertEquals(max, Validation.permissionName(max));
            assertInvalid("name", Validation::permissionName, max + "c");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Manage_users", "1abc", "_abc", ".abc", "manage users", " manage_users",
                "manage_users ", "manage/users", "mänage", "a<b>", "a\"b", "MANAGE"})
        void invalid(String name) {
            assertInvalid("name", Validation::permissionName, name);
        }

        @Test
        void required() {
            assertInvalid("name", Validation::permissionName, null);
        }
    }

    @Nested
    class RoleName {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Admin|Admin",
                "'  Admin  '|Admin",
                "Über Mod|Über Mod",
                "a|a",
                "Friends & Family 🎉|Friends & Family 🎉",
        })
        void validAndTrimmed(String given, String expected) {
            assertEquals(expected, Validation.roleName(given));
        }

        @Test
        void sixtyFourCharactersAfterTrimIsTheLimit() {
            String max = "R".repeat(64);
            assertEquals(max, Validation.roleName("  " + max + "  "));
            assertInvalid("name", Validation::roleName, "R".repeat(65));
        }

        @Test
        void theLowerCasedKeyMustFitToo() {
            // 'İ' lower-cases to two chars in Locale.ROOT; the unique key column holds 64.
            assertInvalid("name", Validation::roleName, "İ".repeat(64));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t", "Ad\nmin", "Ad\u0000min", "Ad\u0007min", "Ad\u009Fmin"})
        void invalid(String name) {
            assertInvalid("name", Validation::roleName, name);
        }

        @Test
        void everyoneIsAnAcceptableStoredName() {
            assertEquals("@everyone", Validation.roleName("@everyone"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"@everyone", "@Everyone", " @EVERYONE "})
        void everyoneIsReservedForNewNames(String name) {
            assertInvalid("name", Validation::newRoleName, name);
        }

        @ParameterizedTest
        @ValueSource(strings = {"everyone", "@everyone2", "@ everyone"})
        void lookAlikesAreOrdinaryNames(String name) {
            assertEquals(name, Validation.newRoleName(name));
        }

        @Test
        void newRoleNameAppliesTheOrdinaryRules() {
            assertEquals("Mod", Validation.newRoleName(" Mod "));
            assertInvalid("name", Validation::newRoleName, "R".repeat(65));
            assertInvalid("name", Validation::newRoleName, null);
        }

        @Test
        void nameKeyIgnoresCaseAndSurroundingSpace() {
            assertEquals("admin", Validation.nameKey("  ADMIN "));
            assertEquals(Validation.nameKey("Moderator"), Validation.nameKey("moderATOR"));
            assertEquals("i", Validation.nameKey("I"), "Locale.ROOT, never the Turkish dotless i");
        }
    }

    @Nested
    class Description {

        @Test
        void nullStaysNull() {
            assertNull(Validation.description(null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Create, edit and delete users", "two\nlines\tand a tab"})
        void keptAsGiven(String description) {
            assertEquals(description, Validation.description(description));
        }

        @Test
        void twoHundredFiftyFiveCharactersIsTheLimit() {
            assertEquals(255, Validation.description("d".repeat(255)).length());
            assertInvalid("description", Validation::description, "d".repeat(256));
        }

        @Test
        void controlCharactersOtherThanLineBreaksAndTabs() {
            assertInvalid("description", Validation::description, "nul\u0000byte");
            assertInvalid("description", Validation::description, "bell\u0007");
        }
    }

    @Nested
    class Position {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 50, Integer.MAX_VALUE})
        void valid(int position) {
            assertEquals(position, Validation.position(position));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void belowOne(int position) {
            RbacException e = assertThrows(RbacException.class, () -> Validation.position(position));
            assertEquals("position", e.field());
        }

        @Test
        void required() {
            RbacException e = assertThrows(RbacException.class, () -> Validation.position(null));
            assertEquals("position", e.field());
            assertEquals("position is required.", e.getMessage());
        }
    }

    @Nested
    class Color {

        @ParameterizedTest
        @CsvSource({
                "#A1b2C3, #A1B2C3",
                "#ffffff, #FFFFFF",
                "#000000, #000000",
                "#5865F2, #5865F2",
        })
        void validAndUpperCased(String given, String expected) {
            assertEquals(expected, Validation.color(given));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void absentMeansNoColour(String color) {
            assertNull(Validation.color(color));
        }

        @ParameterizedTest
        @ValueSource(strings = {"#fff", "red", "#GGGGGG", "A1B2C3", "#A1B2C3D", "#A1B2C", " #A1B2C3", "#A1B2C3 ",
                "rgb(0,0,0)", "#A1B2C3;background:url(x)"})
        void invalid(String color) {
            assertInvalid("color", Validation::color, color);
        }
    }

    @Nested
    class Icon {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "fa-crown|fa-crown",
                "fa-solid fa-crown|fa-solid fa-crown",
                "'  fa-solid   fa-crown '|fa-solid fa-crown",
                "fa-solid\tfa-crown|fa-solid fa-crown",
                "fa-solid fa-crown fa-spin fa-2x|fa-solid fa-crown fa-spin fa-2x",
        })
        void validAndNormalized(String given, String expected) {
            assertEquals(expected, Validation.icon(given));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void absentMeansNoIcon(String icon) {
            assertNull(Validation.icon(icon));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "fas fa-x",                                   // 'fas' is not a fa- token
                "<script>alert(1)</script>",
                "fa-crown<script>",
                "fa-solid \"fa-crown\"",
                "fa-crown\" onmouseover=\"alert(1)",
                "fa-solid fa-crown'",
                "fa-a fa-b fa-c fa-d fa-e",                   // five tokens
                "fa-",
                "fa-Crown",
                "fa_crown",
                "crown",
                "fa-solid,fa-crown",
        })
        void invalid(String icon) {
            assertInvalid("icon", Validation::icon, icon);
        }

        @Test
        void totalLengthFitsTheColumn() {
            String token = "fa-" + "x".repeat(100);
            assertInvalid("icon", Validation::icon, token + " " + token + " " + token);
        }
    }

    @Nested
    class UnicodeNames {

        @ParameterizedTest
        @ValueSource(strings = {"Ops\ud800", "\udc00Ops", "Ops\udbff"})
        void aLoneSurrogateIsNoText(String name) {
            assertInvalid("name", Validation::roleName, name);
            assertInvalid("description", Validation::description, name);
        }

        @Test
        void aSurrogatePairIsOneCharacter() {
            assertEquals("Guard \ud83d\udee1", Validation.roleName("Guard \ud83d\udee1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Admin\u200b", "Ad\u200dmin", "\u202eAdmin", "Admin\u2066", "\ufeffAdmin", "Ad\u00admin",
                "Ad\u3164min", "Admin\u2028x"})
        void invisibleAndDirectionCharactersAreRefused(String name) {
            assertInvalid("name", Validation::roleName, name);
        }

        @Test
        void namesAreStoredInTheirNfkcForm() {
            assertEquals("ADMIN", Validation.roleName("\uff21\uff24\uff2d\uff29\uff2e"));
            assertEquals("Zo\u00eb", Validation.roleName("Zoe\u0308"));
            assertEquals("Admin", Validation.roleName("Admin\u00a0"), "a no-break space is a space, trimmed");
            assertEquals("fi", Validation.roleName("\ufb01"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"@everyone", "@EVERYONE", "@everyone\u00a0", "@\u0435veryone", "\uff20everyone",
                "@\u0415VERYONE", "@ev\u0435ry\u043ene", "@everyone\ufe0f", "@every\u034fone", "@everyone\udb40\udc20"})
        void everyoneLookalikesAreReserved(String name) {
            assertInvalid("name", Validation::newRoleName, name);
        }

        @ParameterizedTest
        @CsvSource({"Admin,ADMIN", "Admin,\uff21\uff24\uff2d\uff29\uff2e", "Admin,Adm\u0456n", "Admin,\u0410dmin",
                "Helper,H\u0435lper", "Zo\u00eb,Zoe\u0308", "Bot,\u0412\u041e\u0422", "Pope,\u03a1\u03bfpe",
                "Helper,\u04baelper", "Admin,Admin\ufe0f", "Lowest,\u04c0owest"})
        void namesThatLookTheSameHaveOneKey(String a, String b) {
            assertEquals(Validation.nameKey(a), Validation.nameKey(Validation.roleName(b)));
        }

        @ParameterizedTest
        @CsvSource({"Admin,Admins", "\u041c\u043e\u0434\u0435\u0440\u0430\u0442\u043e\u0440,Moderator", "\u7ba1\u7406\u8005,\u7ba1\u7406"})
        void differentNamesHaveDifferentKeys(String a, String b) {
            assertTrue(!Validation.nameKey(a).equals(Validation.nameKey(b)), a + " / " + b);
        }
    }

    @Nested
    class VisualPosition {

        @Test
        void zeroOrMoreAndZeroWhenLeftOut() {
            assertEquals(0, Validation.visualPosition(null));
            assertEquals(0, Validation.visualPosition(0));
            assertEquals(7, Validation.visualPosition(7));
            RbacException e = assertThrows(RbacException.class, () -> Validation.visualPosition(-1));
            assertEquals("position", e.field());
        }
    }

    @Nested
    class TimeoutUntil {

        final java.time.Instant now = java.time.Instant.parse("2026-12-02T12:00:00Z");

        @ParameterizedTest
        @CsvSource({"2026-12-02T12:00:01Z,2026-12-02T12:00:01Z", "2026-12-03T13:00:00+01:00,2026-12-03T12:00:00Z",
                "2026-12-30T12:00:00Z,2026-12-30T12:00:00Z", " 2026-12-24T18:00:00.500Z ,2026-12-24T18:00:00.500Z"})
        void aFutureInstantWithinTwentyEightDays(String given, String expected) {
            assertEquals(java.time.Instant.parse(expected), Validation.timeoutUntil(given, now));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"2026-12-02T12:00:00Z", "2026-12-01T00:00:00Z", "2026-12-30T12:00:01Z", "2027-06-01T00:00:00Z",
                "tomorrow", "2026-12-24", "2026-12-24T18:00:00", "1767000000", " "})
        void refusedNamingUntil(String given) {
            RbacException e = assertThrows(RbacException.class, () -> Validation.timeoutUntil(given, now));
            assertEquals("until", e.field());
            assertEquals(ErrorCode.INVALID_INPUT, e.code());
        }

        @Test
        void aReasonIsADescriptionNamedReason() {
            assertNull(Validation.reason(null));
            assertEquals("spam", Validation.reason("spam"));
            assertInvalid("reason", Validation::reason, "r".repeat(256));
        }

        @Test
        void aTimeoutHoldsUntilItsEndAndNotAfter() {
            assertTrue(Timeout.holds(now.plusSeconds(1), now));
            assertTrue(!Timeout.holds(now, now), "it ends at until");
            assertTrue(!Timeout.holds(null, now));
            assertTrue(new Timeout(now.plusSeconds(60), "spam").holdsAt(now));
        }
    }
}
