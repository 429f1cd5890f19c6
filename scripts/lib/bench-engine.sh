#!/usr/bin/env bash
# bench-engine.sh [--size 1g] [--runs 3] [--threads N] [--data DIR] [--seed S] [--job wordcount|terasort|all]
#
# How fast is the framework next to a hand-written program doing the same work? Builds if needed,
# generates seeded inputs once (cached in the data dir, default /tmp/mr-bench-data or
# $MR_BENCH_DATA), then for WordCount and TeraSort runs the hand-written baseline and the
# framework's job through the local runner, alternating, each in a fresh JVM with -Xmx2g
# (MR_BENCH_HEAP, MR_BENCH_JAVA_OPTS to change), --runs times. Prints per program the median wall
# time, throughput, CPU time and peak RSS, and the ratio framework/baseline against its target.
# Every output is checked: WordCount's byte for byte against the baseline's, TeraSort's for order
# and the input's records. Exits 1 when a run fails or an output is wrong; a missed target is
# reported, not fatal.
set -euo pipefail
# shellcheck source=mr-env.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
# shellcheck source=bench-common.sh
. "$MR_HOME/scripts/lib/bench-common.sh"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

size=1g runs=3 threads=$(nproc) data=${MR_BENCH_DATA:-/tmp/mr-bench-data} seed=42 job=all
while [ $# -gt 0 ]; do
    bench_option mr-bench "size runs threads data seed job" "$@" || bench_unknown mr-bench "$1"
    shift "$BENCH_SHIFT"
done
bytes=$(bench_size_bytes "$size") || exit 2
bench_positive mr-bench --runs "$runs"
bench_positive mr-bench --threads "$threads"
[[ $seed =~ ^[0-9]+$ ]] || { echo "mr-bench: --seed wants a number, got '$seed'" >&2; exit 2; }
case $job in
    all) jobs=(wordcount terasort) ;;
    wordcount|terasort) jobs=("$job") ;;
    *) echo "mr-bench: --job is wordcount, terasort or all, not '$job'" >&2; exit 2 ;;
esac

mr_build_if_needed
data=$(bench_data_dir "$data")
work="$data/run"
logs="$data/logs"
rm -rf "$work" "$logs"
mkdir -p "$work" "$logs"
trap 'rm -rf "$work"' EXIT

# ---- WordCount: hand = HandWordCount, mr = dev.mr.jobs.WordCount with 1 reducer --------
wordcount_hand() { bench_java_cmd HandWordCount "$wc_in" "$1" --threads "$threads"; }
wordcount_mr() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$wc_in" "$1" -D mr.reducers=1; }
# The first baseline output is the reference; later ones and every framework output must equal it.
wordcount_check() {
    local side=$1 out=$2 file=$2 ref="$work/wordcount-reference.out"
    if [ "$side" = mr ]; then
        file="$out/part-r-00000"
        [ -f "$file" ] || { echo "FAIL: no $file"; return 1; }
    fi
    if [ ! -f "$ref" ] && [ "$side" = mr ]; then echo "unchecked (no baseline output)"; return 0; fi
    bench_same_bytes "$file" "$ref" "baseline bytes"
}

# ---- TeraSort: hand = HandTeraSort, mr = dev.mr.jobs.TeraSort ---------------------------
terasort_hand() { bench_java_cmd HandTeraSort "$ts_in" "$1" --threads "$threads"; }
terasort_mr() { mr_local_job_cmd dev.mr.jobs.TeraSort "$threads" "$ts_in" "$1"; }
terasort_check() { bench_tera_check "$2" "$ts_in"; }

# engine_run ROUND SIDE: one timed run of SIDE (hand or mr) of the job $name, over $input
engine_run() {
    local r=$1 side=$2 out="$work/$name-$2"
    rm -rf "$out"
    "${name}_$side" "$out"
    bench_warm "$input"
    bench_run "$side" "$logs/$name-$side-$r.log" "${name}_check" "$side" "$out"
    printf '  run %d %-4s %7.2f s  (load %s)  %s\n' "$r" "$side" "$(bench_s "$BENCH_MS")" "$(cut -d' ' -f1 /proc/loadavg)" "$BENCH_VERDICT"
    rm -rf "$out"
}

# bench_job NAME TARGET INPUT: --runs rounds of NAME's baseline and framework job, then their
# figures and the ratio
bench_job() {
    local target=$2 side input_bytes med hand mr
    name=$1 input=$3
    input_bytes=$(stat -c %s "$input")
    bench_reset hand mr
    bench_rounds "$runs" engine_run hand mr
    printf '  %-5s %9s %9s %9s %12s  %s\n' side "median s" "MiB/s" "CPU s" "peak RSS MiB" "runs (s)"
    for side in hand mr; do
        med=$(bench_median_of ms "$side")
        printf '  %-5s %9.2f %9.1f %9s %12s  %s\n' "$side" "$(bench_s "$med")" \
            "$(awk -v b="$input_bytes" -v m="$med" 'BEGIN { print (m > 0 ? b / 1048576 / (m / 1000) : 0) }')" \
            "$(bench_median_of cpu "$side")" \
            "$(bench_max_of rss "$side" | awk '$1 == "-" { print; next } { printf "%.0f", $1 / 1024 }')" \
            "$(bench_runs_s "$side")"
    done
    hand=$(bench_median_of ms hand) mr=$(bench_median_of ms mr)
    # one parseable line per job, for notes and scripts: medians in ms, peak RSS in kB
    echo "  bench-summary job=$name input_bytes=$input_bytes threads=$threads runs=$runs" \
        "hand_ms=$hand hand_rss_kb=$(bench_max_of rss hand) hand_ok=${BENCH_OK[hand]}" \
        "mr_ms=$mr mr_rss_kb=$(bench_max_of rss mr) mr_ok=${BENCH_OK[mr]}"
    if [ "${BENCH_OK[mr]}" = 1 ] && [ "${BENCH_OK[hand]}" = 1 ]; then
        awk -v n="$name" -v r="$(bench_ratio "$mr" "$hand")" -v t="$target" \
            -v c="$(bench_ratio "$(bench_median_of cpu mr)" "$(bench_median_of cpu hand)")" 'BEGIN {
            printf "  RESULT %s: mr/hand = %.2f (target <= %.1f): %s; CPU time mr/hand = %.2f\n", n, r, t, (r <= t ? "met" : "MISSED"), c }'
    else
        echo "  RESULT $name: no ratio, a run failed or an output was wrong (logs in $logs)"
    fi
}

echo "mr-bench engine: $size ($bytes bytes) per input, --threads $threads, --runs $runs, -Xmx$BENCH_HEAP, seed $seed"
bench_machine
echo "data: $data (logs in $logs)"
bench_inputs "$data" "$bytes" "$seed" "$threads" "${jobs[@]}"
for name in "${jobs[@]}"; do
    echo
    case $name in
        wordcount) echo "WordCount over $(( $(stat -c %s "$wc_in") / 1048576 )) MiB of text"; bench_job wordcount 2.0 "$wc_in" ;;
        terasort) echo "TeraSort of $(( $(stat -c %s "$ts_in") / 100 )) records"; bench_job terasort 2.5 "$ts_in" ;;
    esac
done
echo
echo "after: $(bench_load)"
exit "$BENCH_FAILED"
