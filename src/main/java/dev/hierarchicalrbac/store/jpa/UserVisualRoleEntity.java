package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A user wears a visual role (RBAC_USER_VISUAL_ROLE); no foreign key on USER_ID, as for admin roles. */
@Entity
@Table(name = "RBAC_USER_VISUAL_ROLE")
@IdClass(UserVisualRoleEntity.Key.class)
@NamedQuery(name = "rbacVisualRoleIdsOfUser",
        query = "select uv.visualRoleId from UserVisualRoleEntity uv where uv.realmId = :realmId and uv.userId = :userId")
@NamedQuery(name = "rbacVisualRoleAssignmentsOfRealm",
        query = "select uv.userId, uv.visualRoleId from UserVisualRoleEntity uv where uv.realmId = :realmId")
@NamedQuery(name = "rbacMembersOfVisualRole",
        query = "select uv.userId from UserVisualRoleEntity uv where uv.visualRoleId = :visualRoleId order by uv.userId")
@NamedQuery(name = "rbacVisualMemberCountsOfRealm",
        query = "select uv.visualRoleId, count(uv) from UserVisualRoleEntity uv where uv.realmId = :realmId group by uv.visualRoleId")
@NamedQuery(name = "rbacDeleteUserVisualRole",
        query = "delete from UserVisualRoleEntity uv where uv.userId = :userId and uv.visualRoleId = :visualRoleId")
@NamedQuery(name = "rbacDeleteVisualRolesOfUser",
        query = "delete from UserVisualRoleEntity uv where uv.realmId = :realmId and uv.userId = :userId")
@NamedQuery(name = "rbacDeleteUsersOfVisualRole",
        query = "delete from UserVisualRoleEntity uv where uv.visualRoleId = :visualRoleId")
@NamedQuery(name = "rbacDeleteUserVisualRolesOfRealm",
        query = "delete from UserVisualRoleEntity uv where uv.realmId = :realmId")
public class UserVisualRoleEntity {

    @Id
    @Column(name = "USER_ID", length = 255)
    private String userId;

    @Id
    @Column(name = "VISUAL_ROLE_ID", length = 36)
    private String visualRoleId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    protected UserVisualRoleEntity() {
    }

    UserVisualRoleEntity(String realmId, String userId, String visualRoleId) {
        this.realmId = realmId;
        this.userId = userId;
        this.visualRoleId = visualRoleId;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String userId;
        private String visualRoleId;

        public Key() {
        }

        Key(String userId, String visualRoleId) {
            this.userId = userId;
            this.visualRoleId = visualRoleId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(visualRoleId, k.visualRoleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, visualRoleId);
        }
    }
}
