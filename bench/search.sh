#!/usr/bin/env bash
# Benchmark: search over N generated stories (default 100,000): index build time from SQL, and
# query latency p50/p95/p99 through the search page's Searcher (one thread, highlighting included).
#
#   bench/search.sh [STORIES] [QUERIES]          (100000 2000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
STORIES=${1:-100000}
QUERIES=${2:-2000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp target/dateline.jar bench/src/SearchBench.java
DATELINE_LOG_LEVEL=WARN taskset -c 0 "$JAVA_HOME/bin/java" -Xmx6g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "target/dateline.jar:$WORK/classes" SearchBench "$WORK/data" "$STORIES" "$QUERIES" 2>&1 | grep -v "WARNING"
echo "goal: p95 <= 20 ms"
