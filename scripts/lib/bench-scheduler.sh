#!/usr/bin/env bash
# bench-scheduler.sh [WORKERS JOBS MAPS_PER_JOB REDUCES_PER_JOB RUNS]
# Assignments per second of the master's scheduler alone, simulated: by default 10,000 workers and
# 100,000 tasks, the median of 3 runs against the 50,000/s target (see SchedulerBenchmark). Builds
# mr-master with its tests compiled but not run when the classes are missing or older than a source.
set -euo pipefail
MR_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$MR_HOME"

bench=mr-master/target/test-classes/dev/mr/master/scheduler/SchedulerBenchmark.class
if [ ! -f "$bench" ] || [ ! -f mr-master/target/classpath.txt ] \
    || [ -n "$(find mr-api/src/main mr-master/src pom.xml mr-api/pom.xml mr-master/pom.xml -newer "$bench" -print -quit)" ]; then
    echo "building mr-master (tests compiled, not run)..." >&2
    mvn -B -q -pl mr-master -am -DskipTests package >&2
fi

cp="mr-master/target/test-classes:mr-master/target/classes:$(cat mr-master/target/classpath.txt)"
exec java ${MR_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$cp" dev.mr.master.scheduler.SchedulerBenchmark "$@"
