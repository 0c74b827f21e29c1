#!/usr/bin/env bash
# Benchmark: how long the site takes from launch until /healthz answers 200 (listening, and caught up
# with the event log), on an existing demo database: the JVM alone (java -version) as the baseline,
# then the site without and with the class-data archive the launcher makes (target/dateline-serve.jsa).
#
#   bench/startup.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
JAVA="$JAVA_HOME/bin/java"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start: prints the milliseconds until /healthz answers, then stops the site cleanly.
start_once() {
  local port=$((20000 + RANDOM % 20000))
  local t0; t0=$(ms)
  DATELINE_DATA="$WORK/data" DATELINE_PORT=$port DATELINE_LOG_LEVEL=WARN "$JAVA" "$@" --add-modules jdk.incubator.vector \
    -jar target/dateline.jar serve >"$WORK/app.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 3000); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 $pid 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.01
  done
  local t1; t1=$(ms)
  kill $pid; wait $pid 2>/dev/null || true
  echo $((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "first start (loads the demo content): $(start_once) ms"
t0=$(ms); for _ in $(seq 1 "$ROUNDS"); do "$JAVA" -version 2>/dev/null; done; t1=$(ms)
jvm=$(( (t1 - t0) / ROUNDS ))
plain=$(for _ in $(seq 1 "$ROUNDS"); do start_once; done | median)
start_once -XX:SharedArchiveFile="$WORK/serve.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off >/dev/null  # makes the archive
cds=$(for _ in $(seq 1 "$ROUNDS"); do start_once -XX:SharedArchiveFile="$WORK/serve.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off; done | median)
classes=$(DATELINE_DATA="$WORK/data" "$JAVA" -Xlog:class+load=info:file="$WORK/classes.txt" --add-modules jdk.incubator.vector -jar target/dateline.jar help >/dev/null 2>&1; wc -l <"$WORK/classes.txt")
echo "JVM alone (java -version):          $jvm ms"
echo "site, no archive (median of $ROUNDS):    $plain ms  (ratio to the JVM alone: $(awk "BEGIN {printf \"%.1f\", $plain / $jvm}"))"
echo "site, class-data archive (median):   $cds ms  (ratio to the JVM alone: $(awk "BEGIN {printf \"%.1f\", $cds / $jvm}"))"
echo "(a command that does not serve, 'help', loads $classes classes)"
echo "goal: serving within 2,000 ms of start"
