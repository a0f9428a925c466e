package dev.hierarchicalrbac.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The permissions present in every realm (design section 2): not deletable, not renamable. */
public final class BuiltInPermissions {

    public static final String MANAGE_USERS = "manage_users";
    public static final String MANAGE_ROLES = "manage_roles";
    public static final String MANAGE_PERMISSIONS = "manage_permissions";
    public static final String MANAGE_SETTINGS = "manage_settings";
    public static final String VIEW_LOGS = "view_logs";
    public static final String MANAGE_INVITES = "manage_invites";
    public static final String MANAGE_SERVERS = "manage_servers";
    public static final String MANAGE_PLUGINS = "manage_plugins";

    /** Name to default description, in the order of the design (seeding and export keep it). */
    public static final Map<String, String> ALL = Collections.unmodifiableMap(defaults());

    private BuiltInPermissions() {
    }

    public static boolean isBuiltIn(String name) {
        return name != null && ALL.containsKey(name);
    }

    private static Map<String, String> defaults() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(MANAGE_USERS, "Create, edit and delete users");
        all.put(MANAGE_ROLES, "Create, edit and delete admin roles");
        all.put(MANAGE_PERMISSIONS, "Assign permissions to roles");
        all.put(MANAGE_SETTINGS, "Application settings");
        all.put(VIEW_LOGS, "Logs and audit trails");
        all.put(MANAGE_INVITES, "Invitations");
        all.put(MANAGE_SERVERS, "Media servers");
        all.put(MANAGE_PLUGINS, "Plugins");
        return all;
    }
}
