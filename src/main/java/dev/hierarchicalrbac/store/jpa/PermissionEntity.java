package dev.hierarchicalrbac.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row of the realm's permission catalogue (RBAC_PERMISSION). */
@Entity
@Table(name = "RBAC_PERMISSION")
@NamedQuery(name = "rbacPermissionsOfRealm",
        query = "select p from PermissionEntity p where p.realmId = :realmId order by p.name")
@NamedQuery(name = "rbacPermissionByName",
        query = "select p from PermissionEntity p where p.realmId = :realmId and p.name = :name")
@NamedQuery(name = "rbacDeletePermissionsOfRealm",
        query = "delete from PermissionEntity p where p.realmId = :realmId")
public class PermissionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "DESCRIPTION", length = 255)
    private String description;

    @Column(name = "BUILT_IN", nullable = false)
    private boolean builtIn;

    protected PermissionEntity() {
    }

    PermissionEntity(String id, String realmId, String name, String description, boolean builtIn) {
        this.id = id;
        this.realmId = realmId;
        this.name = name;
        this.description = description;
        this.builtIn = builtIn;
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

    void setName(String name) {
        this.name = name;
    }

    String getDescription() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }

    boolean isBuiltIn() {
        return builtIn;
    }
}
