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
    case $1 in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "mr-bench streaming: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
bytes=$(bench_size_bytes "$size") || exit 2
for v in runs threads; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "mr-bench streaming: --$v wants a positive number, got '${!v}'" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "mr-bench streaming: python3 is not on the PATH" >&2; exit 2; }

mr_build_if_needed
mkdir -p "$data"
data=$(cd "$data" && pwd)
work=$(mktemp -d /tmp/mr-bench-streaming.XXXXXX)
trap 'rm -rf "$work"' EXIT
examples="$MR_HOME/mr-streaming/examples/wordcount"
input=$(bench_text_input "$data" "$bytes" "$seed" "$threads")
input_bytes=$(stat -c %s "$input")

java_side() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$input" "$1" -D mr.reducers=1; }
streaming_side() {
    mr_local_streaming_cmd "$threads" "$input" "$1" "python3 $examples/mapper.py" "python3 $examples/reducer.py" \
        -combiner "python3 $examples/reducer.py"
}

echo "WordCount over $input ($input_bytes bytes), $threads threads, $runs runs each; $(bench_load)"
declare -A ms cpu rss
failed=0
for ((r = 1; r <= runs; r++)); do
    for side in java streaming; do
        out="$work/$side-$r"
        "${side}_side" "$out"
        bench_warm "$input"
        if ! bench_measure "$work/$side-$r.log" "${BENCH_CMD[@]}"; then
            echo "FAIL: $side run $r failed; its log:"; tail -n 20 "$work/$side-$r.log"; failed=1; continue
        fi
        ms[$side]+="$BENCH_MS " cpu[$side]+="$BENCH_CPU_S " rss[$side]+="$BENCH_RSS_KB "
        printf '  run %d %-9s %6.1f s  cpu %6s s  rss %s MiB\n' "$r" "$side" "$(awk -v m="$BENCH_MS" 'BEGIN { print m / 1000 }')" \
            "$BENCH_CPU_S" "$( [ "$BENCH_RSS_KB" = - ] && echo - || echo $((BENCH_RSS_KB / 1024)))"
    done
    if [ -f "$work/java-$r/part-r-00000" ] && [ -f "$work/streaming-$r/part-r-00000" ]; then
        if ! cmp -s "$work/java-$r/part-r-00000" "$work/streaming-$r/part-r-00000"; then
            echo "FAIL: run $r: the outputs differ: $(cmp "$work/java-$r/part-r-00000" "$work/streaming-$r/part-r-00000" 2>&1 | head -n 1)"
            failed=1
        fi
    fi
    rm -rf "$work/java-$r" "$work/streaming-$r"
done
[ "$failed" = 0 ] || exit 1

printf '%-10s %10s %10s %10s %10s\n' side "median s" "MiB/s" "cpu s" "rss MiB"
for side in java streaming; do
    # shellcheck disable=SC2086
    m=$(bench_median ${ms[$side]}) c=$(bench_median ${cpu[$side]//./}) x=$(bench_max ${rss[$side]})
    printf '%-10s %10.1f %10.1f %10.1f %10s\n' "$side" "$(awk -v m="$m" 'BEGIN { print m / 1000 }')" \
        "$(awk -v b="$input_bytes" -v m="$m" 'BEGIN { print b / 1048576 / (m / 1000) }')" "$(awk -v c="$c" 'BEGIN { print c / 10 }')" \
        "$( [ "$x" = - ] && echo - || echo $((x / 1024)))"
done
# shellcheck disable=SC2086
echo "ratio streaming/java (median wall time): $(awk -v s="$(bench_median ${ms[streaming]})" -v j="$(bench_median ${ms[java]})" 'BEGIN { printf "%.2f", s / j }')"
echo "outputs equal byte for byte in every run"
