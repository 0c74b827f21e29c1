#!/usr/bin/env bash
# Benchmark: a full search-index build from SQL (what a node with no index does before it is healthy),
# N published stories on SQLite, against reading the same stories from SQL alone, in the same run.
#
#   bench/index-build.sh [N]     (default 100,000; the stories are imported from a generated export first)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp target/dateline.jar bench/src/WordPressImportBench.java bench/src/IndexBuildBench.java
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "target/dateline.jar:$WORK/classes" IndexBuildBench "$WORK" "$N" 2>&1 | grep -v "^WARNING"
