#!/usr/bin/env bash
# bench-shuffle-compress.sh [--size 1g] [--runs 3] [--warmups 1] [--workers 2] [--data DIR] [--seed S]
#                           [--job wordcount|terasort|all] [--codecs none,lz4,zstd]
#
# What compressing map output (mr.map.output.compress) costs and saves on a cluster: WordCount
# (2 reducers) and TeraSort over the same seeded inputs (1 GiB each by default, put in dfs once),
# on one local cluster of --workers worker processes (started with `mr-cluster start`, the
# defaults a user gets), each job run with every codec in turn, --runs rounds, the codecs' order
# rotating each round so that none always goes first; --warmups untimed rounds first warm the
# daemons up. Prints per codec the median time of `mr-submit --wait`, the CPU seconds of the
# daemons and their executors (and the client), the map output as stored
# (MAP_OUTPUT_MATERIALIZED_BYTES), the shuffle's bytes as fetched (SHUFFLE_BYTES) and raw
# (SHUFFLE_RAW_BYTES), and the ratios to none. Every output is checked: WordCount's byte for byte
# against the first none run's, TeraSort's for order and the input's records. Exits 1 when a run
# fails or an output is wrong.
set -euo pipefail
# shellcheck source=mr-env.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
# shellcheck source=bench-common.sh
. "$MR_HOME/scripts/lib/bench-common.sh"

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

size=1g runs=3 warmups=1 workers=2 data=${MR_BENCH_DATA:-/tmp/mr-bench-data} seed=42 job=all codecs=none,lz4,zstd
while [ $# -gt 0 ]; do
    bench_option "mr-bench shuffle-compress" "size runs warmups workers data seed job codecs" "$@" || bench_unknown "mr-bench shuffle-compress" "$1"
    shift "$BENCH_SHIFT"
done
bytes=$(bench_size_bytes "$size") || exit 2
bench_positive "mr-bench shuffle-compress" --runs "$runs"
bench_positive "mr-bench shuffle-compress" --workers "$workers"
[[ $warmups =~ ^[0-9]+$ ]] || { echo "mr-bench shuffle-compress: --warmups wants a number, got '$warmups'" >&2; exit 2; }
case $job in
    all) jobs=(wordcount terasort) ;;
    wordcount|terasort) jobs=("$job") ;;
    *) echo "mr-bench shuffle-compress: --job is wordcount, terasort or all, not '$job'" >&2; exit 2 ;;
esac
IFS=, read -r -a codec_list <<<"$codecs"
for c in "${codec_list[@]}"; do
    case $c in none|lz4|zstd) ;; *) echo "mr-bench shuffle-compress: --codecs takes none, lz4 and zstd, not '$c'" >&2; exit 2 ;; esac
done
[ "${codec_list[0]}" = none ] || { echo "mr-bench shuffle-compress: --codecs must start with none (the baseline)" >&2; exit 2; }
threads=$(nproc)

mr_build_if_needed
data=$(bench_data_dir "$data")
work=$(mktemp -d /tmp/mr-bench-shuffle.XXXXXX)
logs="$data/shuffle-compress-logs"
rm -rf "$logs"
mkdir -p "$logs"
cluster_dir="$work/cluster"
port=$(bench_free_port 7190)
master="http://127.0.0.1:$port"
export MR_SECRET_FILE="$cluster_dir/master/secret"

cleanup() {
    bench_cluster_stop "$cluster_dir"
    rm -rf "$work"
}
trap cleanup EXIT

dfs() { "$MR_HOME/scripts/mr-dfs" --master "$master" "$@"; }

# job_cmd NAME CODEC OUT: sets BENCH_CMD for mr-submit of NAME with CODEC, writing to the dfs: directory OUT
job_cmd() {
    case $1 in
        wordcount) BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.WordCount
            -D mr.reducers=2 -D mr.output.replication=1 -D mr.map.output.compress="$2" dfs:/bench/text "$3") ;;
        terasort) BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.TeraSort
            -D mr.map.output.compress="$2" dfs:/bench/tera "$3") ;;
    esac
}

# counter LOG NAME: the job's counter NAME from mr-submit's summary in LOG (0 when absent)
counter() {
    sed -nE "s/^ +$2=([0-9]+)$/\1/p" "$1" | tail -n 1 | awk '{ v = $1 } END { print (v == "" ? 0 : v) }'
}

# checks: WordCount's parts must equal the reference (the first none run's); TeraSort's must be
# sorted and hold the input's records
wordcount_check() {
    local out=$1 ref="$work/wordcount-reference.out" file="$work/wordcount-check.out"
    dfs cat "$out" >"$file" 2>"$file.err" || { echo "FAIL: mr-dfs cat $out: $(head -n 1 "$file.err")"; return 1; }
    bench_same_bytes "$file" "$ref" "the reference's bytes"
}
terasort_check() {
    local out=$1 dir="$work/terasort-check"
    rm -rf "$dir"
    mkdir -p "$dir"
    dfs get "$out" "$dir/" >/dev/null 2>"$dir.err" || { echo "FAIL: mr-dfs get $out: $(head -n 1 "$dir.err")"; return 1; }
    bench_tera_check "$dir/$(basename "$out")" "$ts_in" || return 1
    rm -rf "$dir"
}

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# this job's counters per codec, from its last run: the shuffle's bytes as fetched and raw, the map
# output as stored
declare -A stored=() raw=() materialized=()

# shuffle_run ROUND CODEC: one timed run of the job $name with CODEC
shuffle_run() {
    local r=$1 codec=$2 out="dfs:/bench/out-$name-$2-$1" log="$logs/$name-$2-$1.log"
    job_cmd "$name" "$codec" "$out"
    bench_warm "$input_file"
    bench_run --cluster "$cluster_dir" "$codec" "$log" "${name}_check" "$out"
    dfs rm -r "$out" >/dev/null 2>&1 || true  # the next run writes another directory anyway
    stored[$codec]=$(counter "$log" SHUFFLE_BYTES)
    raw[$codec]=$(counter "$log" SHUFFLE_RAW_BYTES)
    materialized[$codec]=$(counter "$log" MAP_OUTPUT_MATERIALIZED_BYTES)
    printf '  run %d %-5s %7.2f s  CPU %6s s  shuffle %s MiB of %s MiB raw  (load %s)  %s\n' "$r" "$codec" \
        "$(bench_s "$BENCH_MS")" "$BENCH_CPU_S" "$(mib "${stored[$codec]}")" \
        "$(mib "${raw[$codec]}")" "$(cut -d' ' -f1 /proc/loadavg)" "$BENCH_VERDICT"
}

# bench_job NAME: --warmups untimed rounds, then --runs rounds of NAME with every codec, the
# codecs' order rotating (the very first run is none's: the reference)
bench_job() {
    local r codec summary
    name=$1
    bench_reset "${codec_list[@]}"
    stored=() raw=() materialized=()
    for ((r = 1; r <= warmups; r++)); do
        for codec in "${codec_list[@]}"; do
            job_cmd "$name" "$codec" "dfs:/bench/warmup-$name"
            bench_warmup "$(printf '%d %-5s' "$r" "$codec")" "$logs/$name-warmup-$codec-$r.log"
            dfs rm -r "dfs:/bench/warmup-$name" >/dev/null 2>&1 || true  # a failed warm-up may have left none
            executors_gone "$cluster_dir"
        done
    done
    bench_rounds "$runs" shuffle_run "${codec_list[@]}"
    declare -A median mcpu
    printf '  %-5s %9s %8s %14s %14s %12s %10s %10s %10s\n' codec "median s" "CPU s" "map out MiB" "shuffle MiB" "raw MiB" "stored/raw" "time/none" "CPU/none"
    for codec in "${codec_list[@]}"; do
        median[$codec]=$(bench_median_of ms "$codec")
        mcpu[$codec]=$(bench_median_of cpu "$codec")
    done
    for codec in "${codec_list[@]}"; do
        printf '  %-5s %9.2f %8s %14s %14s %12s %10.3f %10.3f %10.3f\n' "$codec" "$(bench_s "${median[$codec]}")" \
            "${mcpu[$codec]}" "$(mib "${materialized[$codec]}")" "$(mib "${stored[$codec]}")" "$(mib "${raw[$codec]}")" \
            "$(bench_ratio "${stored[$codec]}" "${raw[$codec]}")" \
            "$(bench_ratio "${median[$codec]}" "${median[none]}")" "$(bench_ratio "${mcpu[$codec]}" "${mcpu[none]}")"
    done
    summary="  bench-summary job=$name mode=shuffle-compress workers=$workers runs=$runs input_bytes=$(stat -c %s "$input_file")"
    for codec in "${codec_list[@]}"; do
        summary+=" ${codec}_ms=${median[$codec]} ${codec}_cpu_s=${mcpu[$codec]} ${codec}_shuffle_bytes=${stored[$codec]}"
        summary+=" ${codec}_shuffle_raw_bytes=${raw[$codec]} ${codec}_materialized_bytes=${materialized[$codec]} ${codec}_ok=${BENCH_OK[$codec]}"
    done
    echo "$summary"
}

echo "mr-bench shuffle-compress: $size ($bytes bytes) per input, $workers workers, codecs $codecs, --runs $runs (+ $warmups warm-up), seed $seed"
bench_machine
echo "data: $data (logs in $logs)"
bench_inputs "$data" "$bytes" "$seed" "$threads" "${jobs[@]}"

bench_cluster_start "$cluster_dir" "$port" --workers "$workers"
for name in "${jobs[@]}"; do
    case $name in
        wordcount) src=$wc_in dst=dfs:/bench/text ;;
        terasort) src=$ts_in dst=dfs:/bench/tera ;;
    esac
    dfs put "$src" "$dst" >"$logs/put-$name.log" 2>&1 || { echo "mr-dfs put $src $dst failed:"; tail -n 5 "$logs/put-$name.log"; exit 1; }
    echo "  put $dst: $(( $(stat -c %s "$src") / 1048576 )) MiB (not timed)"
done

for name in "${jobs[@]}"; do
    echo
    case $name in
        wordcount) input_file=$wc_in; echo "WordCount over $(( $(stat -c %s "$wc_in") / 1048576 )) MiB of text, 2 reducers"; bench_job wordcount ;;
        terasort) input_file=$ts_in; echo "TeraSort of $(( $(stat -c %s "$ts_in") / 100 )) records"; bench_job terasort ;;
    esac
done
bench_cluster_stop "$cluster_dir"
echo
echo "after: $(bench_load)"
exit "$BENCH_FAILED"
