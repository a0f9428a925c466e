package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A positioned admin role (RBAC_ADMIN_ROLE). {@code NAME_KEY} is {@code Validation.nameKey} of the
 * name, so the database can enforce "unique ignoring case" portably as the last line behind the rule; {@code ROLE_POSITION} is unique per ladder
 * and 0 only for {@code @everyone}. A ladder is the realm's own ({@code ORGANIZATION_ID} {@value #REALM_LADDER})
 * or one organization's; names and positions are unique per realm and ladder.
 */
@Entity
@Table(name = "RBAC_ADMIN_ROLE")
@NamedQuery(name = "rbacRolesOfLadder",
        query = "select r from AdminRoleEntity r where r.realmId = :realmId and r.organizationId = :organizationId"
                + " order by r.position desc")
@NamedQuery(name = "rbacRoleByPosition",
        query = "select r from AdminRoleEntity r where r.realmId = :realmId and r.organizationId = :organizationId"
                + " and r.position = :position")
@NamedQuery(name = "rbacDeleteRolesOfOrganization",
        query = "delete from AdminRoleEntity r where r.realmId = :realmId and r.organizationId = :organizationId")
@NamedQuery(name = "rbacDeleteRolesOfRealm",
        query = "delete from AdminRoleEntity r where r.realmId = :realmId")
public class AdminRoleEntity {

    /**
     * {@code ORGANIZATION_ID} of the realm's own ladder: a fixed value rather than NULL, so the unique
     * constraints that include the column hold for it on PostgreSQL and MariaDB too (see the changelog).
     */
    static final String REALM_LADDER = "-";

    /** The column value of a ladder: an organization's id, or {@link #REALM_LADDER} for null. */
    static String ladder(String organizationId) {
        return organizationId == null ? REALM_LADDER : organizationId;
    }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "NAME_KEY", length = 64, nullable = false)
    private String nameKey;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    @Column(name = "ROLE_POSITION", nullable = false)
    private int position;

    @Column(name = "COLOR", length = 7)
    private String color;

    @Column(name = "ICON", length = 255)
    private String icon;

    protected AdminRoleEntity() {
    }

    AdminRoleEntity(String id, String realmId, String organizationId) {
        this.id = id;
        this.realmId = realmId;
        this.organizationId = ladder(organizationId);
    }

    String getId() {
        return id;
    }

    String getRealmId() {
        return realmId;
    }

    String getOrganizationId() {
        return organizationId;
    }

    String getName() {
        return name;
    }

    void setName(String name, String nameKey) {
        this.name = name;
        this.nameKey = nameKey;
    }

    String getDescription() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }

    int getPosition() {
        return position;
    }

    void setPosition(int position) {
        this.position = position;
    }

    String getColor() {
        return color;
    }

    void setColor(String color) {
        this.color = color;
    }

    String getIcon() {
        return icon;
    }

    void setIcon(String icon) {
        this.icon = icon;
    }
}
