#!/usr/bin/env bash
# The benchmark of issue #8, in one command:
#
#   ./bench/run.sh [--users=100000] [--rounds=4] [--slice-seconds=5] … (./bench/run.sh --help)
#
# Builds the provider jar and unpacks Keycloak 26.7.0 (mvn verify without tests), builds the
# benchmark driver (bench/pom.xml, never part of the project's own mvn verify), then runs it: it
# starts Keycloak (kc.sh start, PostgreSQL at 127.0.0.1:5432, database rbac_bench created and
# dropped), seeds, measures and writes docs/benchmarks.md. Needs a JDK 17 (with jcmd and jfr),
# Maven, and the machine's PostgreSQL (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    mvn -B -q -f bench/pom.xml -DskipTests package
    exec java -jar bench/target/bench.jar --help
  fi
done

command -v jcmd >/dev/null || { echo "jcmd not found: install a full JDK 17 (openjdk-17-jdk-headless)" >&2; exit 1; }
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2
  exit 1
fi

# The admin console theme is built once (node, npm); later runs reuse target/theme-dist.
theme=()
[ -d target/theme-dist ] && theme=(-Dtheme.skip=true)
echo "[bench] building the provider jar and unpacking Keycloak (mvn verify, no tests)"
mvn -B -q -DskipTests "${theme[@]}" verify
echo "[bench] building the benchmark driver"
mvn -B -q -f bench/pom.xml -DskipTests package

exec java -Xmx1g -jar bench/target/bench.jar "$@"
