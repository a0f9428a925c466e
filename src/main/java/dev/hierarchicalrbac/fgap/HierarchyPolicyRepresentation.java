package dev.hierarchicalrbac.fgap;

import org.keycloak.representations.idm.authorization.AbstractPolicyRepresentation;

import java.util.Set;
import java.util.TreeSet;

/**
 * A policy of type {@value HierarchyPolicyProviderFactory#ID} as Keycloak's authorization API reads and
 * writes it: beyond the rule itself, the catalogue permissions a caller must also hold
 * ({@code manage_users} is always required by the rule).
 */
public final class HierarchyPolicyRepresentation extends AbstractPolicyRepresentation {

    private Set<String> permissions = new TreeSet<>();

    @Override
    public String getType() {
        return HierarchyPolicyProviderFactory.ID;
    }

    public Set<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(Set<String> permissions) {
        this.permissions = permissions == null ? new TreeSet<>() : new TreeSet<>(permissions);
    }
}
