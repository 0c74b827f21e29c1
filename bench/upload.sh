#!/usr/bin/env bash
# Benchmark: accepting an uploaded photo in the desk — type and size checks, decode, and the seven
# stored JPEG renditions (four widths, three crops) — against the JDK decoding the same file alone.
#
#   bench/upload.sh [WIDTH HEIGHT ROUNDS]          (4000 3000 15 by default: a 12-megapixel photo)
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTH=${1:-4000}
HEIGHT=${2:-3000}
ROUNDS=${3:-15}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp target/dateline.jar bench/src/UploadBench.java
taskset -c 0 "$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "target/dateline.jar:$WORK/classes" UploadBench "$WIDTH" "$HEIGHT" "$ROUNDS"
