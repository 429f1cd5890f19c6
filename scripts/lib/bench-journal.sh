#!/usr/bin/env bash
# bench-journal.sh [--dir DIR] [--files N] [--appends N] [--batch B]
# What the journals cost (see JournalBench): a namespace of 1,000,000 files built, checkpointed
# and recovered (times, checkpoint size, heap held), and append latency with fsync, one record per
# force against B (64) per force, interleaved in one run. DIR (default: a fresh directory under
# mr-dfs-lite/target, on the repository's disk; never tmpfs, where fsync is free) is removed
# afterwards. Builds mr-dfs-lite with its tests compiled, not run, when a source is newer.
set -euo pipefail
MR_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$MR_HOME"

# shellcheck source=bench-test-classes.sh
. scripts/lib/bench-test-classes.sh
cp=$(bench_test_cp mr-dfs-lite dev.mr.dfs.journal.JournalBench)

args=("$@")
own_dir=
if [[ " $* " != *" --dir "* ]]; then
    own_dir=$(mktemp -d "$MR_HOME/mr-dfs-lite/target/journal-bench.XXXXXX")
    trap 'rm -rf "$own_dir"' EXIT
    args+=(--dir "$own_dir")
fi
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose
java ${MR_JAVA_OPTS:--Xms1g -Xmx3g} -cp "$cp" dev.mr.dfs.journal.JournalBench "${args[@]}"
