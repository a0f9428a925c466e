package dev.hierarchicalrbac.transfer;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.transfer.ConfigDocument.OrganizationEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.OrganizationUserEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.PermissionEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.RoleEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.UserEntry;
import dev.hierarchicalrbac.transfer.ConfigDocument.VisualRoleEntry;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the §6 document of a realm, in an order that does not depend on ids or insertion. */
public final class ConfigExporter {

    private ConfigExporter() {
    }

    public static ConfigDocument export(KeycloakSession session, RealmModel realm) {
        RbacStore store = session.getProvider(RbacStore.class);
        Usernames usernames = new Usernames(session, realm);
        List<PermissionEntry> permissions = store.permissions(realm).stream()
                .sorted(Comparator.comparing(p -> p.name()))
                .map(p -> new PermissionEntry(p.name(), p.description()))
                .toList();
        List<AdminRole> roles = byPosition(store.roles(realm));
        List<VisualRole> visualRoles = store.visualRoles(realm).stream().sorted(VISUAL_ORDER).toList();
        List<VisualRoleEntry> visualEntries = visualRoles.stream()
                .map(v -> new VisualRoleEntry(v.name(), v.description(), v.position(), v.color(), v.icon()))
                .toList();

        Map<String, AdminRole> roleById = roles.stream().collect(Collectors.toMap(AdminRole::id, Function.identity()));
        Map<String, VisualRole> visualById = visualRoles.stream().collect(Collectors.toMap(VisualRole::id, Function.identity()));
        Map<String, Set<String>> roleAssignments = store.roleAssignments(realm);
        Map<String, Set<String>> visualAssignments = store.visualRoleAssignments(realm);
        Map<String, UserEntry> assignments = new TreeMap<>();
        Set<String> userIds = new TreeSet<>(roleAssignments.keySet());
        userIds.addAll(visualAssignments.keySet());
        for (String userId : userIds) {
            String username = usernames.of(userId);
            if (username == null) {
                continue; // removed concurrently; its rows go with it
            }
            List<String> worn = visualAssignments.getOrDefault(userId, Set.of()).stream().map(visualById::get)
                    .filter(Objects::nonNull).sorted(VISUAL_ORDER).map(VisualRole::name).toList();
            assignments.put(username, new UserEntry(held(roleAssignments, userId, roleById), new ArrayList<>(worn)));
        }
        return new ConfigDocument(permissions, roleEntries(roles), visualEntries, assignments,
                organizations(session, realm, store, usernames));
    }

    /**
     * Every organization of the realm by alias, each with its ladder; left out of the document when
     * the realm has Organizations switched off (then an import leaves organizations alone), an empty
     * object when it has them on but none exist. Each organization's ladder is created here if it
     * has none yet, as any request reaching the organization does, so that its {@code @everyone} is
     * written as an import would find it.
     */
    private static Map<String, OrganizationEntry> organizations(KeycloakSession session, RealmModel realm, RbacStore store,
                                                                Usernames usernames) {
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        if (provider == null || !realm.isOrganizationsEnabled()) {
            return null;
        }
        Map<String, OrganizationEntry> organizations = new TreeMap<>();
        for (OrganizationModel organization : provider.getAllStream().toList()) {
            String org = organization.getId();
            store.seedOrganization(realm, org);
            List<AdminRole> roles = byPosition(store.roles(realm, org));
            Map<String, AdminRole> roleById = roles.stream().collect(Collectors.toMap(AdminRole::id, Function.identity()));
            Map<String, Set<String>> held = store.roleAssignments(realm, org);
            Map<String, OrganizationUserEntry> assignments = new TreeMap<>();
            for (String userId : new TreeSet<>(held.keySet())) {
                String username = usernames.of(userId);
                if (username != null) {
                    assignments.put(username, new OrganizationUserEntry(held(held, userId, roleById)));
                }
            }
            List<String> owners = store.organizationOwners(realm, org).stream().map(usernames::of)
                    .filter(Objects::nonNull).sorted().toList();
            organizations.put(organization.getAlias(), new OrganizationEntry(roleEntries(roles), owners, assignments));
        }
        return organizations;
    }

    private static List<AdminRole> byPosition(List<AdminRole> roles) {
        return roles.stream().sorted(Comparator.comparingInt(AdminRole::position).reversed()).toList();
    }

    private static List<RoleEntry> roleEntries(List<AdminRole> roles) {
        return roles.stream()
                .map(r -> new RoleEntry(r.name(), r.description(), r.position(), r.color(), r.icon(),
                        r.permissions().stream().sorted().toList()))
                .toList();
    }

    /** The names of the roles a user holds in one ladder, highest first. */
    private static List<String> held(Map<String, Set<String>> assignments, String userId, Map<String, AdminRole> roleById) {
        return new ArrayList<>(assignments.getOrDefault(userId, Set.of()).stream().map(roleById::get)
                .filter(Objects::nonNull).sorted(Comparator.comparingInt(AdminRole::position).reversed())
                .map(AdminRole::name).toList());
    }

    /** Usernames by user id, each user looked up once although they may appear in several ladders. */
    private static final class Usernames {
        private final KeycloakSession session;
        private final RealmModel realm;
        private final Map<String, String> byId = new HashMap<>();

        Usernames(KeycloakSession session, RealmModel realm) {
            this.session = session;
            this.realm = realm;
        }

        /** Null for a user removed concurrently (their rows go with them). */
        String of(String userId) {
            return byId.computeIfAbsent(userId, id -> {
                UserModel user = session.users().getUserById(realm, id);
                return user == null ? null : user.getUsername();
            });
        }
    }

    /** Display order, then name: visual positions may repeat. */
    static final Comparator<VisualRole> VISUAL_ORDER = Comparator.comparingInt(VisualRole::position).reversed()
            .thenComparing(v -> v.name().toLowerCase(java.util.Locale.ROOT));
}
