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
# --import-realm skips a realm that already exists, so restarts keep what you changed.
exec "$HOME_DIR/bin/kc.sh" start-dev --http-port="${KC_HTTP_PORT:-8080}" --import-realm "$@"
