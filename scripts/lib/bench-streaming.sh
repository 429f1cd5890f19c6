#!/usr/bin/env bash
# bench-streaming.sh [--size 1g] [--runs 3] [--threads N] [--data DIR] [--seed S]
#
# What a mapper and reducer in Python cost next to Java's: WordCount over the same seeded text
# (bench-common's, cached in the data dir) as dev.mr.jobs.WordCount and as the streaming WordCount
# of mr-streaming/examples/wordcount (mapper.py, reducer.py, the reducer also as the combiner),
# both through the local runner in a fresh JVM, one reducer, alternating, --runs times each.
# Prints the median wall time, throughput, CPU seconds (the JVM and its python processes) and peak
# RSS of each, and the ratio streaming/java. The outputs must be equal byte for byte: both are
# word<TAB>count lines in byte order of the word. Exits 1 when a run fails or the outputs differ.
set -euo pipefail
# shellcheck source=mr-env.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
# shellcheck source=bench-common.sh
. "$MR_HOME/scripts/lib/bench-common.sh"

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

size=1g runs=3 threads=$(nproc) data=${MR_BENCH_DATA:-/tmp/mr-bench-data} seed=42
while [ $# -gt 0 ]; do
    bench_option "mr-bench streaming" "size runs threads data seed" "$@" || bench_unknown "mr-bench streaming" "$1"
    shift "$BENCH_SHIFT"
done
bytes=$(bench_size_bytes "$size") || exit 2
bench_positive "mr-bench streaming" --runs "$runs"
bench_positive "mr-bench streaming" --threads "$threads"
command -v python3 >/dev/null || { echo "mr-bench streaming: python3 is not on the PATH" >&2; exit 2; }

mr_build_if_needed
data=$(bench_data_dir "$data")
work=$(mktemp -d /tmp/mr-bench-streaming.XXXXXX)
logs="$data/streaming-logs"
rm -rf "$logs"
mkdir -p "$logs"
trap 'rm -rf "$work"' EXIT
examples="$MR_HOME/mr-streaming/examples/wordcount"
input=$(bench_text_input "$data" "$bytes" "$seed" "$threads")
input_bytes=$(stat -c %s "$input")

java_side() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$input" "$1" -D mr.reducers=1; }
# the commands run as /bin/sh -c COMMAND: the scripts' paths quoted for it (a checkout path may hold a space)
mapper="python3 $(printf %q "$examples/mapper.py")" reducer="python3 $(printf %q "$examples/reducer.py")"
streaming_side() { mr_local_streaming_cmd "$threads" "$input" "$1" "$mapper" "$reducer" -combiner "$reducer"; }

# check OUT: the first output (the first run's, Java's) is the reference; every later one must
# equal it byte for byte
check() {
    local file="$1/part-r-00000" ref="$work/reference.out"
    [ -f "$file" ] || { echo "FAIL: no $file"; return 1; }
    bench_same_bytes "$file" "$ref" "the reference's bytes"
}

# streaming_run ROUND SIDE: one timed run of SIDE (java or streaming)
streaming_run() {
    local r=$1 side=$2 out="$work/$2-$1"
    "${side}_side" "$out"
    bench_warm "$input"
    bench_run "$side" "$logs/$side-$r.log" check "$out"
    printf '  run %d %-9s %6.1f s  cpu %6s s  rss %s MiB  %s\n' "$r" "$side" "$(bench_s "$BENCH_MS")" \
        "$BENCH_CPU_S" "$( [ "$BENCH_RSS_KB" = - ] && echo - || echo $((BENCH_RSS_KB / 1024)))" "$BENCH_VERDICT"
    rm -rf "$out"
}

echo "WordCount over $input ($input_bytes bytes), $threads threads, $runs runs each; $(bench_load)"
bench_reset java streaming
bench_rounds "$runs" streaming_run java streaming
[ "$BENCH_FAILED" = 0 ] || { echo "FAIL: a run failed or the outputs differ (logs in $logs)"; exit 1; }

printf '%-10s %10s %10s %10s %10s\n' side "median s" "MiB/s" "cpu s" "rss MiB"
for side in java streaming; do
    m=$(bench_median_of ms "$side") x=$(bench_max_of rss "$side")
    printf '%-10s %10.1f %10.1f %10.1f %10s\n' "$side" "$(bench_s "$m")" \
        "$(awk -v b="$input_bytes" -v m="$m" 'BEGIN { print b / 1048576 / (m / 1000) }')" "$(bench_median_of cpu "$side")" \
        "$( [ "$x" = - ] && echo - || echo $((x / 1024)))"
done
printf 'ratio streaming/java (median wall time): %.2f\n' "$(bench_ratio "$(bench_median_of ms streaming)" "$(bench_median_of ms java)")"
echo "outputs equal byte for byte in every run"
