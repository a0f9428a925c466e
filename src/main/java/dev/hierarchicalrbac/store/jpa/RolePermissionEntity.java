package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** An admin role holds a permission (RBAC_ADMIN_ROLE_PERMISSION). */
@Entity
@Table(name = "RBAC_ADMIN_ROLE_PERMISSION")
@IdClass(RolePermissionEntity.Key.class)
// One query loads every role's permission names of a realm: the catalogue costs a constant number of statements.
@NamedQuery(name = "rbacRolePermissionNamesOfRealm",
        query = "select rp.roleId, p.name from RolePermissionEntity rp, PermissionEntity p"
                + " where rp.realmId = :realmId and p.id = rp.permissionId")
@NamedQuery(name = "rbacPermissionIdsOfRole",
        query = "select rp.permissionId from RolePermissionEntity rp where rp.roleId = :roleId")
@NamedQuery(name = "rbacDeleteRolePermission",
        query = "delete from RolePermissionEntity rp where rp.roleId = :roleId and rp.permissionId = :permissionId")
@NamedQuery(name = "rbacDeletePermissionsOfRole",
        query = "delete from RolePermissionEntity rp where rp.roleId = :roleId")
@NamedQuery(name = "rbacDeleteRolesOfPermission",
        query = "delete from RolePermissionEntity rp where rp.permissionId = :permissionId")
@NamedQuery(name = "rbacDeleteRolePermissionsOfOrganization",
        query = "delete from RolePermissionEntity rp where rp.roleId in (select r.id from AdminRoleEntity r"
                + " where r.realmId = :realmId and r.organizationId = :organizationId)")
@NamedQuery(name = "rbacDeleteRolePermissionsOfRealm",
        query = "delete from RolePermissionEntity rp where rp.realmId = :realmId")
public class RolePermissionEntity {

    @Id
    @Column(name = "ROLE_ID", length = 36)
    private String roleId;

    @Id
    @Column(name = "PERMISSION_ID", length = 36)
    private String permissionId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    protected RolePermissionEntity() {
    }

    RolePermissionEntity(String realmId, String roleId, String permissionId) {
        this.realmId = realmId;
        this.roleId = roleId;
        this.permissionId = permissionId;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String roleId;
        private String permissionId;

        public Key() {
        }

        Key(String roleId, String permissionId) {
            this.roleId = roleId;
            this.permissionId = permissionId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(roleId, k.roleId) && Objects.equals(permissionId, k.permissionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roleId, permissionId);
        }
    }
}
