#!/usr/bin/env bash
# Benchmark: wire ingest from a drop folder. N ninjs files and N NewsML-G2 files (default 10,000 each):
# items per second from the folder to the wire queue (read, validate, sanitize, store, move to done/)
# on one core, against the same files only parsed (Jackson, resp. StAX) in the same run.
# With the IPTC ninjs schemas at hand (NINJS_SCHEMAS, default ../shared/fixtures/ninjs/schemas), ninjs
# is validated against them as in production.
#
#   bench/ingest.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
SCHEMAS=${NINJS_SCHEMAS:-../shared/fixtures/ninjs/schemas}
[ -d "$SCHEMAS" ] || SCHEMAS=""
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp target/dateline.jar bench/src/IngestBench.java
taskset -c 0 "$JAVA_HOME/bin/java" -Xmx1g -XX:ActiveProcessorCount=1 -cp "target/dateline.jar:$WORK/classes" IngestBench "$WORK" "$N" "$SCHEMAS" 2>&1 | grep -v "^WARNING"
