package dev.hierarchicalrbac.transfer;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.transfer.ConfigDocument.PermissionEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.RoleEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.UserEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.VisualRoleEntry;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the §6 document of a realm, in an order that does not depend on ids or insertion. */
public final class ConfigExporter {

    private ConfigExporter() {
    }

    public static ConfigDocument export(KeycloakSession session, RealmModel realm) {
        RbacStore store = session.getProvider(RbacStore.class);
        List<PermissionEntry> permissions = store.permissions(realm).stream()
                .sorted(Comparator.comparing(p -> p.name()))
                .map(p -> new PermissionEntry(p.name(), p.description()))
                .toList();
        List<AdminRole> roles = store.roles(realm).stream()
                .sorted(Comparator.comparingInt(AdminRole::position).reversed()).toList();
        List<RoleEntry> roleEntries = roles.stream()
                .map(r -> new RoleEntry(r.name(), r.description(), r.position(), r.color(), r.icon(),
                        r.permissions().stream().sorted().toList()))
                .toList();
        List<VisualRole> visualRoles = store.visualRoles(realm).stream().sorted(VISUAL_ORDER).toList();
        List<VisualRoleEntry> visualEntries = visualRoles.stream()
                .map(v -> new VisualRoleEntry(v.name(), v.description(), v.position(), v.color(), v.icon()))
                .toList();

        Map<String, AdminRole> roleById = roles.stream().collect(Collectors.toMap(AdminRole::id, Function.identity()));
        Map<String, VisualRole> visualById = visualRoles.stream().collect(Collectors.toMap(VisualRole::id, Function.identity()));
        Map<String, Set<String>> roleAssignments = store.roleAssignments(realm);
        Map<String, Set<String>> visualAssignments = store.visualRoleAssignments(realm);
        Map<String, UserEntry> assignments = new TreeMap<>();
        Set<String> userIds = new java.util.TreeSet<>(roleAssignments.keySet());
        userIds.addAll(visualAssignments.keySet());
        for (String userId : userIds) {
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null) {
                continue; // removed concurrently; its rows go with it
            }
            List<String> held = roleAssignments.getOrDefault(userId, Set.of()).stream().map(roleById::get)
                    .filter(r -> r != null).sorted(Comparator.comparingInt(AdminRole::position).reversed())
                    .map(AdminRole::name).toList();
            List<String> worn = visualAssignments.getOrDefault(userId, Set.of()).stream().map(visualById::get)
                    .filter(v -> v != null).sorted(VISUAL_ORDER).map(VisualRole::name).toList();
            assignments.put(user.getUsername(), new UserEntry(new ArrayList<>(held), new ArrayList<>(worn)));
        }
        return new ConfigDocument(permissions, roleEntries, visualEntries, assignments);
    }

    /** Display order, then name: visual positions may repeat. */
    static final Comparator<VisualRole> VISUAL_ORDER = Comparator.comparingInt(VisualRole::position).reversed()
            .thenComparing(v -> v.name().toLowerCase(java.util.Locale.ROOT));
}
