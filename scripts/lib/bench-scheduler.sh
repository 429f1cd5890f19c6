#!/usr/bin/env bash
# bench-scheduler.sh [WORKERS JOBS MAPS_PER_JOB REDUCES_PER_JOB RUNS]
# Assignments per second of the master's scheduler alone, simulated: by default 10,000 workers and
# 100,000 tasks, the median of 3 runs against the 50,000/s target (see SchedulerBenchmark). Builds
# mr-master with its tests compiled but not run when the classes are missing or older than a source.
set -euo pipefail
MR_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$MR_HOME"

# shellcheck source=bench-test-classes.sh
. scripts/lib/bench-test-classes.sh
cp=$(bench_test_cp mr-master dev.mr.master.scheduler.SchedulerBenchmark)
# shellcheck disable=SC2086 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose
exec java ${MR_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$cp" dev.mr.master.scheduler.SchedulerBenchmark "$@"
