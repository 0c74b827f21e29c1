#!/usr/bin/env bash
# Benchmark: importing a generated WordPress export of N posts (default 100,000; categories, tags,
# authors, a featured image each) into a fresh SQLite database on one core, against a StAX pass that
# only reads the same file, in the same run; the peak heap under -Xmx512m.
#
#   bench/wordpress-import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp target/dateline.jar bench/src/WordPressImportBench.java
taskset -c 0 "$JAVA_HOME/bin/java" -Xmx512m -XX:ActiveProcessorCount=1 -cp "target/dateline.jar:$WORK/classes" WordPressImportBench "$WORK" "$N" 2>&1 | grep -v "^WARNING"
