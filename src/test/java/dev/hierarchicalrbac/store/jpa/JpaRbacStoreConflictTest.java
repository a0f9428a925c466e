package dev.hierarchicalrbac.store.jpa;

import dev.hierarchicalrbac.domain.ErrorCode;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.store.TestRealms;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write that loses a race to another transaction meets the database's constraint at flush. On a
 * real server Keycloak's entity-manager proxy has already turned Hibernate's exception into a
 * {@link ModelDuplicateException}; either form must become a conflict that names the field, never
 * Keycloak's anonymous "Duplicate resource error".
 */
class JpaRbacStoreConflictTest {

    final RealmModel realm = TestRealms.realm("R");

    @Test
    void aRacedRoleAssignmentIsAConflictOnRoleIdWhenKeycloakConvertedTheException() {
        RbacException e = assertThrows(RbacException.class, () ->
                store(() -> new ModelDuplicateException("Duplicate resource error")).assignRole(realm, "u1", "role-1"));
        assertEquals("roleId", e.field());
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.getMessage().contains("concurrently"), e.getMessage());
    }

    @Test
    void aRacedRoleAssignmentIsAConflictOnRoleIdWithABareEntityManager() {
        RbacException e = assertThrows(RbacException.class, () ->
                store(() -> new PersistenceException("unique constraint")).assignRole(realm, "u1", "role-1"));
        assertEquals("roleId", e.field());
    }

    @Test
    void aRacedVisualRoleAssignmentIsAConflictOnVisualRoleId() {
        RbacException e = assertThrows(RbacException.class, () ->
                store(() -> new ModelDuplicateException("Duplicate resource error")).assignVisualRole(realm, "u1", "visual-1"));
        assertEquals("visualRoleId", e.field());
    }

    @Test
    void otherFailuresOfTheDatabaseAreNotDisguisedAsConflicts() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                store(() -> new IllegalStateException("connection lost")).assignRole(realm, "u1", "role-1"));
        assertEquals("connection lost", e.getMessage());
    }

    /** An entity manager that knows one admin role and one visual role of realm R, and fails every flush. */
    private static JpaRbacStore store(Supplier<RuntimeException> flushFailure) {
        AdminRoleEntity role = new AdminRoleEntity("role-1", "R", null);
        role.setPosition(5);
        VisualRoleEntity visual = new VisualRoleEntity("visual-1", "R");
        EntityManager em = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[]{EntityManager.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> args[0] == AdminRoleEntity.class && "role-1".equals(args[1]) ? role
                            : args[0] == VisualRoleEntity.class && "visual-1".equals(args[1]) ? visual : null;
                    case "persist" -> null;
                    case "flush" -> throw flushFailure.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new JpaRbacStore(em);
    }
}
