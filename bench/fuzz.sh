#!/usr/bin/env bash
# Fuzzes each Jazzer target for its maxDuration (two minutes): the archive reader and the body
# sanitizer. A finding is kept next to the seeds (src/test/resources/dateline/content/
# FuzzTargetsTestInputs/<target>/crash-*), where the ordinary test suite replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(./dateline --print-java-home)
export JAVA_HOME
status=0
for target in the_archive_reader_refuses_or_reads the_sanitizer_leaves_no_script_and_keeps_a_stable_result; do
  echo "fuzzing $target …"
  if JAZZER_FUZZ=1 ./mvnw -q -B test -Dtest="FuzzTargetsTest#$target" -Dsurefire.failIfNoSpecifiedTests=false > "target/fuzz-$target.log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "target/fuzz-$target.log" | tail -1)
    echo "  no finding (${runs:-see target/fuzz-$target.log})"
  else
    echo "  FINDING: see target/fuzz-$target.log and the crash-* file beside the seeds"
    status=1
  fi
done
exit $status
