#!/usr/bin/env bash
# bench-history.sh [JOBS TASKS_PER_JOB RUNS]
# How long the master takes to start with a full job history: by default 1,000 ended jobs in the
# job journal and their history files of 200 tasks each, the median of 7 starts against the same
# directory without history (see HistoryStartBenchmark). Builds mr-master with its tests compiled
# but not run when the classes are missing or older than a source.
set -euo pipefail
MR_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$MR_HOME"

# shellcheck source=bench-test-classes.sh
. scripts/lib/bench-test-classes.sh
cp=$(bench_test_cp mr-master dev.mr.master.history.HistoryStartBenchmark)
# shellcheck disable=SC2086 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose
exec java ${MR_JAVA_OPTS:--Xmx1g} -cp "$cp" dev.mr.master.history.HistoryStartBenchmark "$@"
