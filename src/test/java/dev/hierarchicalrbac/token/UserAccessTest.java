package dev.hierarchicalrbac.token;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.VisualRole;
import org.junit.jupiter.api.Test;

import dev.hierarchicalrbac.domain.EffectivePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class UserAccessTest {

    static final AdminRole EVERYONE = AdminRole.everyone("e", Set.of("view_logs"));
    static final AdminRole ADMIN = new AdminRole("a", "Admin", null, 50, null, null, Set.of("manage_users", "manage_roles"));
    static final AdminRole HELPER = new AdminRole("h", "Helper", null, 5, null, null, Set.of("manage_invites"));

    /** A user's access from plain values, by the definitions of design §2. */
    static UserAccess compute(boolean owner, AdminRole everyone, List<AdminRole> held, Collection<String> catalogue,
                              List<VisualRole> visualRoles) {
        return new UserAccess(EffectivePermissions.of(owner, everyone, held, catalogue),
                () -> EffectivePermissions.highestPosition(held), () -> held, () -> visualRoles);
    }

    @Test
    void aMemberGetsEveryoneAndTheirRolesSortedWithRoleNamesHighestFirst() {
        UserAccess access = compute(false, EVERYONE, List.of(ADMIN, HELPER), List.of("ignored"), List.of());
        assertEquals(List.of("manage_invites", "manage_roles", "manage_users", "view_logs"), access.permissions());
        assertEquals(List.of("Admin", "Helper"), access.adminRoles());
        assertEquals(50, access.highestPosition());
    }

    @Test
    void aUserWithoutRolesGetsExactlyEveryones() {
        UserAccess access = compute(false, EVERYONE, List.of(), List.of("manage_users"), List.of());
        assertEquals(List.of("view_logs"), access.permissions());
        assertEquals(List.of(), access.adminRoles());
        assertEquals(0, access.highestPosition());
    }

    @Test
    void anOwnerGetsTheWholeCatalogue() {
        UserAccess access = compute(true, EVERYONE, List.of(), List.of("manage_users", "edit_recipes"), List.of());
        assertEquals(List.of("edit_recipes", "manage_users", "view_logs"), access.permissions());
    }

    @Test
    void visualRolesBecomeObjectsWithNameColorAndIcon() {
        UserAccess access = compute(false, EVERYONE, List.of(), List.of(),
                List.of(new VisualRole("v", "VIP", "desc", 3, "#ffd700", "fa-solid fa-star"), new VisualRole("w", "Friend", null, 1, null, null)));
        List<Map<String, Object>> claims = access.visualRoleClaims();
        assertEquals("VIP", claims.get(0).get("name"));
        assertEquals("#ffd700", claims.get(0).get("color"));
        assertEquals("fa-solid fa-star", claims.get(0).get("icon"));
        assertEquals(List.of("name"), List.copyOf(claims.get(1).keySet()), "no colour or icon: left out");
    }

    @Test
    void oneRequestComputesTheUsersAccessOnce() {
        TokenFakes fakes = new TokenFakes();
        UserAccess first = UserAccess.of(fakes.session, fakes.realm, fakes.user, null);
        UserAccess second = UserAccess.of(fakes.session, fakes.realm, fakes.user, null);
        assertSame(first, second);
        assertEquals(List.of("effectivePermissions"), fakes.storeCalls, "the store is asked once, for what every token needs");
        assertEquals(List.of("manage_invites", "manage_users", "view_logs"), first.permissions());
    }

    @Test
    void roleNamesPositionAndVisualRolesAreReadOnlyWhenAMapperAsksAndThenOnce() {
        TokenFakes fakes = new TokenFakes();
        UserAccess access = UserAccess.of(fakes.session, fakes.realm, fakes.user, null);
        assertEquals(List.of("Admin", "Helper"), access.adminRoles());
        assertEquals(List.of("Admin", "Helper"), access.adminRoles());
        assertEquals(20, access.highestPosition());
        assertEquals(2, access.visualRoles().size());
        access.visualRoleClaims();
        assertEquals(List.of("effectivePermissions", "rolesOf", "highestPosition", "visualRolesOf"), fakes.storeCalls);
    }
}
