package dev.hierarchicalrbac.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database an integration-test run uses (system property {@code it.db}): embedded H2 in the
 * Keycloak home, or a fresh {@code rbac_it} database on the PostgreSQL or MariaDB server of the
 * machine. The tests also read it directly, to check what the extension really stored.
 */
public enum Database {
    H2, POSTGRES, MARIADB;

    /** Database name on PostgreSQL and MariaDB; -Dit.db.name=… keeps concurrent checkouts apart. */
    public static final String SCHEMA = System.getProperty("it.db.name", "rbac_it");

    public static Database current() {
        return valueOf(System.getProperty("it.db", "h2").toUpperCase());
    }

    private String host() {
        return System.getProperty("it.db.host", this == MARIADB ? "127.0.0.1:3306" : "127.0.0.1:5432");
    }

    private String user() {
        return switch (this) {
            case H2 -> "sa";
            case POSTGRES -> System.getProperty("it.db.user", "postgres");
            case MARIADB -> System.getProperty("it.db.user", "root");
        };
    }

    /** Drops and creates the test database, so every run starts from an empty schema. */
    public void recreate(Path keycloakHome) throws SQLException {
        switch (this) {
            case H2 -> {
                // The H2 files live in the Keycloak home, which the harness lays out anew.
            }
            case POSTGRES -> {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host() + "/postgres", user(), "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + SCHEMA + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + SCHEMA);
                }
            }
            case MARIADB -> {
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + host() + "/", user(), "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
                    s.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                }
            }
        }
    }

    /** The JDBC URL Keycloak and the tests share. */
    public String jdbcUrl(Path keycloakHome) {
        return switch (this) {
            // AUTO_SERVER lets the test JVM read the file while Keycloak holds it open.
            case H2 -> "jdbc:h2:file:" + keycloakHome.resolve("data/h2/keycloakdb").toAbsolutePath()
                    + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
            case POSTGRES -> "jdbc:postgresql://" + host() + "/" + SCHEMA;
            case MARIADB -> "jdbc:mariadb://" + host() + "/" + SCHEMA;
        };
    }

    /** The build-time option selecting this kind of database ({@code kc.sh build} takes only this one). */
    public String vendorOption() {
        return switch (this) {
            case H2 -> "--db=dev-file";
            case POSTGRES -> "--db=postgres";
            case MARIADB -> "--db=mariadb";
        };
    }

    /** Keycloak command-line options selecting this database. */
    public List<String> keycloakOptions(Path keycloakHome) {
        List<String> options = new ArrayList<>();
        options.add(vendorOption());
        options.add("--db-url=" + jdbcUrl(keycloakHome));
        options.add("--db-username=" + user());
        options.add("--db-password=" + password());
        return options;
    }

    public Connection connect(Path keycloakHome) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(keycloakHome), user(), password());
    }

    /** H2 keeps Keycloak's dev defaults; the machine's servers trust local connections. */
    private String password() {
        return switch (this) {
            case H2 -> "password";
            case POSTGRES -> "postgres";
            case MARIADB -> "";
        };
    }
}
