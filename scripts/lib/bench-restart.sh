#!/usr/bin/env bash
# bench-restart.sh [--runs 3] [files=1000000] [ended=1000] [running=10] [maps=100]
# How long a restarted master takes until every job runs again (see RestartBench): a master
# directory with a dfs namespace of 1,000,000 files, 1,000 ended jobs and 10 running jobs whose
# journal places half their map outputs on workers, started --runs times, each in a fresh JVM
# as a restart is; prints each start, the median and the heap held. The directory (under mr-master/target, on the repository's disk) is
# removed afterwards. Builds mr-master with its tests compiled, not run, when a source is newer.
set -euo pipefail
# shellcheck source=mr-env.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
# shellcheck source=bench-common.sh
. "$MR_HOME/scripts/lib/bench-common.sh"
cd "$MR_HOME"

# shellcheck source=bench-test-classes.sh
. scripts/lib/bench-test-classes.sh
cp=$(bench_test_cp mr-master dev.mr.master.RestartBench)
dir=$(mktemp -d "$MR_HOME/mr-master/target/restart-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
runs=3
if [ "${1:-}" = --runs ]; then runs=$2; shift 2; fi
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose
bench() { java ${MR_JAVA_OPTS:--Xms1g -Xmx3g} -cp "$cp" dev.mr.master.RestartBench "$@" "dir=$dir"; }
bench "$@"
times=()
for _ in $(seq 1 "$runs"); do
    line=$(bench "$@" | tee /dev/stderr | grep '^bench-start ')
    ms=${line##*ms=}  # the line is "bench-start ms=N heap_mib=M"
    times+=("${ms%%[!0-9]*}")
done
median=$(bench_median "${times[@]}")
echo "median of $runs starts, each in a fresh JVM: $median ms (${times[*]})"
