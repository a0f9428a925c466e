#!/usr/bin/env bash
# Builds the provider jar, fetches the Keycloak 26.7.0 distribution from Maven Central, installs
# the jar, imports the demo realm and starts Keycloak on http://localhost:8080 (admin/admin) with
# the embedded H2 database. No Docker. Data survives restarts in .run/; delete .run/ to start over.
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION=26.7.0
HOME_DIR=.run/keycloak-$KC_VERSION

# Packages the jar and unpacks the distribution (target/keycloak-dist) without running tests.
mvn -B -q -DskipTests verify

if [ ! -d "$HOME_DIR" ]; then
  mkdir -p .run
  cp -r "target/keycloak-dist/keycloak-$KC_VERSION" "$HOME_DIR"
fi
cp target/keycloak-hierarchical-rbac-*.jar "$HOME_DIR/providers/hierarchical-rbac.jar"
mkdir -p "$HOME_DIR/data/import"
cp realm-export.json "$HOME_DIR/data/import/realm-export.json"

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms128m -Xmx1536m}"
PORT="${KC_HTTP_PORT:-8080}"

# The demo realm selects the "rbac" admin theme in realm-export.json; the master realm's console
# (http://localhost:8080/admin/master/console/) gets it here, once Keycloak answers. Set
# RBAC_ADMIN_THEME=keycloak.v2 to keep the stock console on master.
(
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "http://localhost:$PORT/realms/master"; then
      "$HOME_DIR/bin/kcadm.sh" config credentials --config "$HOME_DIR/kcadm.config" --server "http://localhost:$PORT" \
        --realm master --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD" >/dev/null 2>&1 &&
      "$HOME_DIR/bin/kcadm.sh" update realms/master --config "$HOME_DIR/kcadm.config" \
        -s "adminTheme=${RBAC_ADMIN_THEME:-rbac}" >/dev/null 2>&1 &&
      echo "run-demo: the master realm's admin console uses the ${RBAC_ADMIN_THEME:-rbac} theme"
      exit 0
    fi
    sleep 2
  done
) &

# --import-realm skips a realm that already exists, so restarts keep what you changed.
exec "$HOME_DIR/bin/kc.sh" start-dev --http-port="$PORT" --import-realm "$@"
