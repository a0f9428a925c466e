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
 * A member named owner of one organization (RBAC_ORGANIZATION_OWNER, design §10). The realm's owners
 * own every organization without a row. No foreign keys: organizations and users are Keycloak's, and
 * the lifecycle listeners delete these rows when either goes.
 */
@Entity
@Table(name = "RBAC_ORGANIZATION_OWNER")
@IdClass(OrganizationOwnerEntity.Key.class)
@NamedQuery(name = "rbacOwnersOfOrganization",
        query = "select o.userId from OrganizationOwnerEntity o where o.realmId = :realmId"
                + " and o.organizationId = :organizationId order by o.userId")
@NamedQuery(name = "rbacDeleteOwnersOfOrganization",
        query = "delete from OrganizationOwnerEntity o where o.realmId = :realmId and o.organizationId = :organizationId")
@NamedQuery(name = "rbacDeleteOrganizationOwner",
        query = "delete from OrganizationOwnerEntity o where o.realmId = :realmId and o.organizationId = :organizationId"
                + " and o.userId = :userId")
@NamedQuery(name = "rbacDeleteOrganizationOwnershipsOfUser",
        query = "delete from OrganizationOwnerEntity o where o.realmId = :realmId and o.userId = :userId")
@NamedQuery(name = "rbacDeleteOrganizationOwnersOfRealm",
        query = "delete from OrganizationOwnerEntity o where o.realmId = :realmId")
public class OrganizationOwnerEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36)
    private String organizationId;

    @Id
    @Column(name = "USER_ID", length = 255)
    private String userId;

    protected OrganizationOwnerEntity() {
    }

    OrganizationOwnerEntity(String realmId, String organizationId, String userId) {
        this.realmId = realmId;
        this.organizationId = organizationId;
        this.userId = userId;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private String realmId;
        private String organizationId;
        private String userId;

        public Key() {
        }

        Key(String realmId, String organizationId, String userId) {
            this.realmId = realmId;
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId)
                    && Objects.equals(organizationId, k.organizationId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, organizationId, userId);
        }
    }
}
