package dev.hierarchicalrbac.store;

import org.keycloak.models.RealmModel;

import java.lang.reflect.Proxy;

/** A stand-in for Keycloak's realm model in the store's unit tests. */
public final class TestRealms {

    private TestRealms() {
    }

    /** A realm that knows its id and a name made from it, and nothing else. */
    public static RealmModel realm(String id) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getName" -> "realm-" + id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> "realm " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
