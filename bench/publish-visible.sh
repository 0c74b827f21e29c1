#!/usr/bin/env bash
# Benchmark: time from the desk's publish answer until the story shows on each surface (its page, home,
# section, RSS feed, news sitemap, search), on one node (SQLite) and on three nodes on PostgreSQL read
# through Varnish (deploy/varnish/dateline.vcl); 20 rounds each, p50 and max.
#
#   bench/publish-visible.sh [ROUNDS]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Debian's varnish + varnish-modules (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}
WORK=$(mktemp -d)
DB="dl_bench_visible_$$"
. bench/lib.sh
[ -x /usr/sbin/varnishd ] || need varnishd varnish
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need __xkey varnish-modules
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; cleanup' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/src/PublishVisibleBench.java
"$JAVA_HOME/bin/java" -cp "$WORK/classes" PublishVisibleBench "$WORK" "$ROUNDS" "jdbc:postgresql://127.0.0.1:5432/$DB" /usr/sbin/varnishd \
  deploy/varnish/dateline.vcl
