package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A cosmetic role (RBAC_VISUAL_ROLE); its position orders the display and carries no authority. */
@Entity
@Table(name = "RBAC_VISUAL_ROLE")
@NamedQuery(name = "rbacVisualRolesOfRealm",
        query = "select v from VisualRoleEntity v where v.realmId = :realmId order by v.position desc, v.nameKey")
@NamedQuery(name = "rbacDeleteVisualRolesOfRealm",
        query = "delete from VisualRoleEntity v where v.realmId = :realmId")
public class VisualRoleEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "NAME_KEY", length = 64, nullable = false)
    private String nameKey;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    @Column(name = "DISPLAY_POSITION", nullable = false)
    private int position;

    @Column(name = "COLOR", length = 7)
    private String color;

    @Column(name = "ICON", length = 255)
    private String icon;

    protected VisualRoleEntity() {
    }

    VisualRoleEntity(String id, String realmId) {
        this.id = id;
        this.realmId = realmId;
    }

    String getId() {
        return id;
    }

    String getRealmId() {
        return realmId;
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
