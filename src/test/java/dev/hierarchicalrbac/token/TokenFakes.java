package dev.hierarchicalrbac.token;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.EffectivePermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Minimal stand-ins for the Keycloak models the mapper touches, built with dynamic proxies. */
final class TokenFakes {

    final List<String> storeCalls = new ArrayList<>();
    final Map<String, Object> attributes = new HashMap<>();
    List<AdminRole> held = List.of(new AdminRole("r2", "Admin", null, 20, null, null, Set.of("manage_users")),
            new AdminRole("r1", "Helper", null, 5, null, null, Set.of("manage_invites")));
    AdminRole everyone = AdminRole.everyone("e", Set.of("view_logs"));
    List<VisualRole> visual = List.of(new VisualRole("v1", "VIP", null, 2, "#ffd700", "fa-solid fa-star"),
            new VisualRole("v2", "Friend", null, 1, null, null));

    final RealmModel realm = proxy(RealmModel.class, (name, args) -> switch (name) {
        case "getId" -> "realm-id";
        case "getName" -> "test";
        default -> null; // no realm-management client: nobody is an owner
    });

    final UserModel user = proxy(UserModel.class, (name, args) -> switch (name) {
        case "getId" -> "user-id";
        case "hasRole" -> false;
        default -> null;
    });

    final RbacStore store = proxy(RbacStore.class, (name, args) -> {
        storeCalls.add(name);
        return switch (name) {
            case "rolesOf" -> held;
            case "effectivePermissions" -> EffectivePermissions.of((Boolean) args[2], everyone, held,
                    List.of("manage_users"));
            case "highestPosition" -> EffectivePermissions.highestPosition(held);
            case "everyone" -> everyone;
            case "visualRolesOf" -> visual;
            case "permissions" -> List.of(new Permission("p", "manage_users", null, true));
            case "role", "permission", "visualRole", "permissionByName" -> Optional.empty();
            default -> null;
        };
    });

    final KeycloakSession session = proxy(KeycloakSession.class, (name, args) -> switch (name) {
        case "getAttribute" -> args.length == 2 ? ((Class<?>) args[1]).cast(attributes.get((String) args[0]))
                : attributes.get((String) args[0]);
        case "setAttribute" -> attributes.put((String) args[0], args[1]);
        case "getProvider" -> args[0] == RbacStore.class ? store : null;
        case "getContext" -> proxy(KeycloakContext.class, (m, a) -> "getClient".equals(m)
                ? proxy(ClientModel.class, (m2, a2) -> null) : null);
        default -> null;
    });

    final UserSessionModel userSession = proxy(UserSessionModel.class, (name, args) -> switch (name) {
        case "getUser" -> user;
        case "getRealm" -> realm;
        default -> null;
    });

    interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            Object[] a = args == null ? new Object[0] : args;
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == a[0];
                case "toString" -> type.getSimpleName() + " fake";
                default -> {
                    Object result = handler.handle(method.getName(), a);
                    if (result == null && method.getReturnType() == boolean.class) {
                        yield false;
                    }
                    yield result;
                }
            };
        });
    }
}
