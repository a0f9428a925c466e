package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * A user holds an admin role (RBAC_USER_ADMIN_ROLE). USER_ID has no foreign key: federated users
 * live outside USER_ENTITY, so the lifecycle listeners delete these rows instead. ORGANIZATION_ID
 * repeats the role's ladder, so a member leaving an organization loses its roles there in one statement.
 */
@Entity
@Table(name = "RBAC_USER_ADMIN_ROLE")
@IdClass(UserAdminRoleEntity.Key.class)
@NamedQuery(name = "rbacRoleIdsOfUser",
        query = "select ur.roleId from UserAdminRoleEntity ur where ur.realmId = :realmId"
                + " and ur.organizationId = :organizationId and ur.userId = :userId")
@NamedQuery(name = "rbacAdminRoleAssignmentsOfLadder",
        query = "select ur.userId, ur.roleId from UserAdminRoleEntity ur where ur.realmId = :realmId"
                + " and ur.organizationId = :organizationId")
@NamedQuery(name = "rbacMembersOfRole",
        query = "select ur.userId from UserAdminRoleEntity ur where ur.roleId = :roleId order by ur.userId")
@NamedQuery(name = "rbacMemberCountsOfLadder",
        query = "select ur.roleId, count(ur) from UserAdminRoleEntity ur where ur.realmId = :realmId"
                + " and ur.organizationId = :organizationId group by ur.roleId")
@NamedQuery(name = "rbacDeleteUserAdminRole",
        query = "delete from UserAdminRoleEntity ur where ur.userId = :userId and ur.roleId = :roleId")
@NamedQuery(name = "rbacDeleteAdminRolesOfUser",
        query = "delete from UserAdminRoleEntity ur where ur.realmId = :realmId and ur.userId = :userId")
@NamedQuery(name = "rbacDeleteAdminRolesOfOrganizationMember",
        query = "delete from UserAdminRoleEntity ur where ur.realmId = :realmId and ur.organizationId = :organizationId"
                + " and ur.userId = :userId")
@NamedQuery(name = "rbacDeleteAdminRolesOfOrganization",
        query = "delete from UserAdminRoleEntity ur where ur.realmId = :realmId and ur.organizationId = :organizationId")
@NamedQuery(name = "rbacDeleteUsersOfAdminRole",
        query = "delete from UserAdminRoleEntity ur where ur.roleId = :roleId")
@NamedQuery(name = "rbacDeleteUserAdminRolesOfRealm",
        query = "delete from UserAdminRoleEntity ur where ur.realmId = :realmId")
public class UserAdminRoleEntity {

    @Id
    @Column(name = "USER_ID", length = 255)
    private String userId;

    @Id
    @Column(name = "ROLE_ID", length = 36)
    private String roleId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    protected UserAdminRoleEntity() {
    }

    UserAdminRoleEntity(String realmId, String organizationId, String userId, String roleId) {
        this.realmId = realmId;
        this.organizationId = AdminRoleEntity.ladder(organizationId);
        this.userId = userId;
        this.roleId = roleId;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String userId;
        private String roleId;

        public Key() {
        }

        Key(String userId, String roleId) {
            this.userId = userId;
            this.roleId = roleId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, roleId);
        }
    }
}
