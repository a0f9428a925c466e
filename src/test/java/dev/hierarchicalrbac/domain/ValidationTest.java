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
        ValidationException e = assertThrows(ValidationException.class, () -> rule.apply(value),
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
            ValidationException e = assertThrows(ValidationException.class, () -> Validation.position(position));
            assertEquals("position", e.field());
        }

        @Test
        void required() {
            ValidationException e = assertThrows(ValidationException.class, () -> Validation.position(null));
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
}
