#!/usr/bin/env bash
# Soak: ten minutes of mixed traffic (cached article pages, rendered section pages, search, view
# beacons, an editor saving every three seconds) at half the highest rate the site sustains, measured
# first in the same run. Dateline runs on core 0, the load on core 1. Prints each minute's rate, errors
# and heap after the last major GC; exits non-zero on any error.
#
#   bench/soak.sh                 (BENCH_SOAK_SECONDS=600 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

SOAK_SECONDS=${BENCH_SOAK_SECONDS:-600}
APP_PORT=${BENCH_APP_PORT:-18080}
TOKEN=soak-$RANDOM$RANDOM
WORK=$(mktemp -d)
. bench/lib.sh
./dateline help >/dev/null
JAVA_HOME=$(./dateline --print-java-home)

DATELINE_PORT=$APP_PORT DATELINE_DATA="$WORK/data" DATELINE_LOG_LEVEL=INFO DATELINE_METRICS_TOKEN=$TOKEN DATELINE_TRUSTED_PROXIES=127.0.0.1 \
  taskset -c 0 ./dateline serve >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_healthy "$APP_PORT"
PASSWORD=$(grep -o 'password=[0-9a-f]*' "$WORK/app.log" | head -n 1 | cut -d= -f2)

"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/src/SoakBench.java
taskset -c 1 "$JAVA_HOME/bin/java" -cp "$WORK/classes" SoakBench "http://127.0.0.1:$APP_PORT" "$TOKEN" editor@dateline.example "$PASSWORD" "$SOAK_SECONDS"
