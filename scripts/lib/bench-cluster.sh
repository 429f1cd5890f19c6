#!/usr/bin/env bash
# bench-cluster.sh [--size 1g] [--runs 3] [--warmups 1] [--workers 2] [--slots N] [--data DIR] [--seed S]
#                  [--job wordcount|terasort|tiny|all] [--no-scheduler] [--against-insecure|--against-thread] [--tls]
#
# What running on a cluster costs next to the local runner: WordCount and TeraSort over the same
# seeded inputs (1 GiB each by default) through the local runner (file: input, mr.local.threads =
# cores) and through a local cluster of --workers worker processes (inputs in dfs, put once before
# the runs; output replication 1, as TeraSort does by convention), alternating, --runs times each.
# The cluster uses the defaults a user gets from `mr-cluster start` (slots per worker = cores,
# slow-start 0.05, speculation on), warmed up by --warmups untimed runs of each job first, as
# long-running daemons are. The cluster's time is `mr-submit --wait` from start to exit
# (submit, schedule, heartbeats, dfs reads, HTTP shuffle, commit), the local runner's is its JVM
# from start to exit. Prints medians, the ratio cluster/local against the 1.3 target, and the CPU
# seconds each side burnt (for the cluster: master + workers + the submitting client). Every
# output is checked: WordCount's byte for byte against the local runner's, TeraSort's for order
# and the input's records. Then runs the scheduler benchmark (bench-scheduler.sh) unless
# --no-scheduler. Exits 1 when a run fails or an output is wrong; a missed target is reported.
# --against-insecure: what security costs instead: the same jobs, alternating, on this cluster
# (secure, the default) and on a second one started with --insecure (target: within 1.03).
# --against-thread: what executors cost instead: the same jobs, alternating, on this cluster
# (tasks in an executor JVM per job and worker, the default) and on a second one whose daemons
# run with -D mr.executor=thread (tasks on threads of the worker daemon, every job's default
# there); targets: within 1.10 for WordCount and TeraSort, 1.5 for tiny. Also prints, from the
# worker logs, the time from a job's first assignment on a worker to its executor being up and
# to its first attempt starting, on each side.
# tiny (in `all` with --against-thread): WordCount over 200 files of a few lines in dfs, each its
# own map task (-D mr.input.pack.size=0): a job whose time is task start-up.
# Every side's peak RSS of one worker daemon plus its child processes (executors), sampled with
# ps every 200 ms during each run, is printed next to its times. When the local runner is not
# one of the sides, one untimed local run per text job makes the reference output.
# --tls: the cluster (and the --against-thread one; not the --insecure one, nor the local runner)
# runs with TLS on every hop, with a test CA and certificate for 127.0.0.1 made here with openssl.
set -euo pipefail
# shellcheck source=mr-env.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
# shellcheck source=bench-common.sh
. "$MR_HOME/scripts/lib/bench-common.sh"

usage() { sed -n '2,32p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

size=1g runs=3 warmups=1 workers=2 slots="" data=${MR_BENCH_DATA:-/tmp/mr-bench-data} seed=42 job=all scheduler=1 baseline=local tls=0
while [ $# -gt 0 ]; do
    if ! bench_option "mr-bench cluster" "size runs warmups workers slots data seed job" "$@"; then
        case $1 in
            --no-scheduler) scheduler=0 ;;
            --against-insecure) baseline=insecure ;;
            --against-thread) baseline=thread ;;
            --tls) tls=1 ;;
            *) bench_unknown "mr-bench cluster" "$1" ;;
        esac
        BENCH_SHIFT=1
    fi
    shift "$BENCH_SHIFT"
done
bytes=$(bench_size_bytes "$size") || exit 2
bench_positive "mr-bench cluster" --runs "$runs"
bench_positive "mr-bench cluster" --workers "$workers"
[[ $warmups =~ ^[0-9]+$ ]] || { echo "mr-bench cluster: --warmups wants a number, got '$warmups'" >&2; exit 2; }
case $job in
    all) jobs=(wordcount terasort); [ "$baseline" = thread ] && jobs+=(tiny) ;;
    wordcount|terasort|tiny) jobs=("$job") ;;
    *) echo "mr-bench cluster: --job is wordcount, terasort, tiny or all, not '$job'" >&2; exit 2 ;;
esac
tiny_files=200
threads=$(nproc)

mr_build_if_needed
data=$(bench_data_dir "$data")
work=$(mktemp -d /tmp/mr-bench-cluster.XXXXXX)
logs="$data/cluster-logs"
rm -rf "$logs"
mkdir -p "$logs"
cluster_dir="$work/cluster"
second_dir="$work/cluster-$baseline"  # the cluster of --against-insecure or --against-thread

port=$(bench_free_port 7170)
tls_flags=()
scheme=http
if [ "$tls" = 1 ]; then
    # the README's recipe: a test CA, and a certificate for 127.0.0.1 that every daemon serves
    mkdir -p "$work/tls"
    (cd "$work/tls" && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mr bench CA" -keyout ca.key -out ca.pem \
        && openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout host.key -out host.csr \
        && echo "subjectAltName=DNS:localhost,IP:127.0.0.1" > host.ext \
        && openssl x509 -req -in host.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile host.ext -out host.pem) >/dev/null 2>&1 \
        || { echo "mr-bench cluster --tls: openssl could not make a test certificate" >&2; exit 2; }
    tls_flags=(--tls-cert "$work/tls/host.pem" --tls-key "$work/tls/host.key" --tls-ca "$work/tls/ca.pem")
    export MR_TLS_CA="$work/tls/ca.pem"
    scheme=https
fi
master="$scheme://127.0.0.1:$port"
port2=$(bench_free_port $((port + 1)))
master2="http://127.0.0.1:$port2"  # the second cluster's
[ "$baseline" = thread ] && master2="$scheme://127.0.0.1:$port2"
export MR_SECRET_FILE="$cluster_dir/master/secret"  # the secure cluster's, which its master creates

cleanup() {
    bench_cluster_stop "$cluster_dir" "$second_dir"
    # the daemons' logs outlive the run, for the start times and whatever else a run needs explained
    local f
    for f in "$cluster_dir"/worker-*/worker/worker.log "$second_dir"/worker-*/worker/worker.log; do
        [ -f "$f" ] && cp "$f" "$logs/$(basename "$(dirname "$(dirname "$(dirname "$f")")")")-$(basename "$(dirname "$(dirname "$f")")").log"
    done
    rm -rf "$work"
}
trap cleanup EXIT

# client_env SIDE: sets CLIENT_ENV to the `env` command a client of SIDE's cluster runs under
client_env() {
    case $1 in
        insecure) CLIENT_ENV=(env -u MR_SECRET_FILE) ;;  # its clients hold no secret
        thread) CLIENT_ENV=(env MR_SECRET_FILE="$second_dir/master/secret") ;;
        *) CLIENT_ENV=(env) ;;
    esac
}

# dfs SIDE ARGS...: mr-dfs against that side's cluster
dfs() {
    local side=$1 m=$master
    shift
    [ "$side" = cluster ] || m=$master2
    client_env "$side"
    "${CLIENT_ENV[@]}" "$MR_HOME/scripts/mr-dfs" --master "$m" "$@"
}

# rss_sample DIR OUT: until killed, every 200 ms, appends one line per worker of the cluster in DIR:
# "sample worker daemon_kB children_kB" (a worker's child processes are its executors)
rss_sample() {
    local workers n=0
    workers=$(worker_pids "$1")
    while :; do
        n=$((n + 1))
        ps -e -o pid=,ppid=,rss= | awk -v w="$workers" -v n="$n" 'BEGIN { k = split(w, a, ","); for (i = 1; i <= k; i++) idx[a[i]] = i }
            $1 in idx { d[idx[$1]] += $3 } $2 in idx { c[idx[$2]] += $3 }
            END { for (i = 1; i <= k; i++) printf "%d %d %d %d\n", n, i, d[i], c[i] }' >>"$2"
        sleep 0.2
    done
}

# rss_peak FILE -> "peak_kB daemon_kB children_kB": the largest daemon + children of one worker in
# rss_sample's FILE, and its two parts at that moment
rss_peak() {
    awk '$3 + $4 > m { m = $3 + $4; d = $3; c = $4 } END { printf "%d %d %d\n", m, d, c }' "$1"
}

# log_ms "YYYY-MM-DD HH:MM:SS.mmm" -> milliseconds since that day began (awk: mawk has no mktime)
# start_times LOG DIR -> "to_executor_ms to_attempt_ms" per worker of the cluster in DIR, for the
# job whose submission LOG (mr-submit's output) names: from its first assignment on the worker to
# its executor being up ("-" in thread mode), and to its first attempt starting
start_times() {
    local job f
    job=$(sed -nE 's/^job (job_[0-9]+) submitted.*/\1/p' "$1" | head -n 1)
    [ -n "$job" ] || return 0
    for f in "$2"/worker-*/worker/worker.log; do
        awk -v job="$job" '
            function ms(d, t,  p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] + (d != day0 ? 86400000 : 0) }
            # an executor'"'"'s own lines come prefixed with "[executor JOB pid N] "
            { line = $0; sub(/^\[executor [^]]*\] /, "", line); split(line, f, " ") }
            index(line, "HeartbeatLoop - assigned " job "_") && a == "" { day0 = f[1]; a = ms(f[1], f[2]) }
            a != "" && e == "" && index(line, "ExecutorProcess - executor of " job " started:") { e = ms(f[1], f[2]) }
            a != "" && s == "" && index(line, "TaskAttempt - " job "_") && line ~ /: started$/ { s = ms(f[1], f[2]) }
            END { if (a != "") printf "%s %s\n", (e == "" ? "-" : e - a), (s == "" ? "-" : s - a) }' "$f"
    done
}

# ---- the sides of each job --------------------------------------------------------------
# local: sets BENCH_CMD for the local runner writing to the file: directory $1
wordcount_local() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$wc_in" "$1" -D mr.reducers=1; }
terasort_local() { mr_local_job_cmd dev.mr.jobs.TeraSort "$threads" "$ts_in" "$1"; }
tiny_local() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$tiny_in" "$1" -D mr.reducers=1 -D mr.input.pack.size=0; }
# cluster: sets BENCH_CMD for mr-submit to the cluster writing to the dfs: directory $1
wordcount_cluster() {
    BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.WordCount
        -D mr.reducers=1 -D mr.output.replication=1 dfs:/bench/text "$1")
}
terasort_cluster() {
    BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.TeraSort dfs:/bench/tera "$1")
}
tiny_cluster() {
    BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.WordCount
        -D mr.reducers=1 -D mr.output.replication=1 -D mr.input.pack.size=0 dfs:/bench/tiny "$1")
}
# job_cmd NAME SIDE OUT: sets BENCH_CMD for NAME on SIDE; the second cluster's is the cluster's,
# sent to its master as its client
job_cmd() {
    local name=$1 side=$2
    case $side in
        local|cluster) "${name}_$side" "$3" ;;
        *) "${name}_cluster" "$3"; client_env "$side"; BENCH_CMD=("${CLIENT_ENV[@]}" "${BENCH_CMD[@]/#$master/$master2}") ;;
    esac
}

# checks: the reference is the local runner's output (its first timed run, or one untimed run
# first when the local runner is not a side); every other output must equal it
wordcount_check() { words_check wordcount "$@"; }
tiny_check() { words_check tiny "$@"; }
words_check() {
    local name=$1 side=$2 out=$3 ref="$work/$1-reference.out" file="$work/$1-check.out"
    if [ "$side" = local ]; then
        cp "$out/part-r-00000" "$file" || { echo "FAIL: no $out/part-r-00000"; return 1; }
    else
        dfs "$side" cat "$out" >"$file" 2>"$file.err" || { echo "FAIL: mr-dfs cat $out: $(head -n 1 "$file.err")"; return 1; }
    fi
    if [ ! -f "$ref" ] && [ "$side" != local ]; then echo "unchecked (no local runner output)"; return 0; fi
    bench_same_bytes "$file" "$ref" "the local runner's bytes"
}
# words_reference NAME: one untimed local run of NAME, whose output the timed ones must equal
words_reference() {
    local out="$work/$1-local" log="$logs/$1-reference-local.log" verdict
    rm -rf "$out"
    "$1_local" "$out"
    if bench_measure "$log" "${BENCH_CMD[@]}" && verdict=$(words_check "$1" local "$out"); then
        printf '  reference: the local runner, %.2f s (untimed)\n' "$(awk -v m="$BENCH_MS" 'BEGIN { print m / 1000 }')"
    else
        echo "  reference: the local runner failed (see $log); outputs go unchecked"
        BENCH_FAILED=1
    fi
    rm -rf "$out"
}
terasort_check() {
    local side=$1 out=$2 dir=$2
    if [ "$side" != local ]; then
        dir="$work/terasort-check"
        rm -rf "$dir"
        mkdir -p "$dir"
        dfs "$side" get "$out" "$dir/" >/dev/null 2>"$dir.err" || { echo "FAIL: mr-dfs get $out: $(head -n 1 "$dir.err")"; return 1; }
        dir="$dir/$(basename "$out")"
    fi
    bench_tera_check "$dir" "$ts_in" || return 1
    rm -rf "$work/terasort-check"
}

# target NAME: the ratio cluster/baseline NAME should stay within (none for tiny against the local runner)
target() {
    case $baseline/$1 in
        insecure/*) echo 1.03 ;;
        thread/tiny) echo 1.5 ;;
        thread/*) echo 1.10 ;;
        local/tiny) echo - ;;
        *) echo 1.3 ;;
    esac
}

# each side's cluster directory (none for the local runner), and this job's figures beyond the
# driver's, per side: worker RSS peaks (kB), and from the worker logs the times from a job's first
# assignment on a worker to its executor being up and to its first attempt starting (ms)
declare -A dirs=([cluster]="$cluster_dir" [insecure]="$second_dir" [thread]="$second_dir" [local]="") rss=() up=() first=()

# cluster_run ROUND SIDE: one timed run of the job $name on SIDE, over $input
cluster_run() {
    local r=$1 side=$2 out log="$logs/$name-$2-$1.log" sampler peak="" e s
    if [ "$side" = local ]; then
        out="$work/$name-local"
        rm -rf "$out"
        job_cmd "$name" "$side" "$out"
        bench_warm "$input"
        bench_run "$side" "$log" "${name}_check" "$side" "$out"
        rm -rf "$out"
    else
        out="dfs:/bench/out-$name-$r"
        job_cmd "$name" "$side" "$out"
        bench_warm "$input"
        : >"$log.rss"
        rss_sample "${dirs[$side]}" "$log.rss" &
        sampler=$!
        bench_run --cluster "${dirs[$side]}" "$side" "$log" "${name}_check" "$side" "$out"
        kill "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true  # killed: its status is the signal's
        read -r peak _ < <(rss_peak "$log.rss")
        rss[$side]+="$peak "
        peak=" worker RSS $((peak / 1024)) MiB (daemon $(rss_peak "$log.rss" | awk '{ printf "%d + children %d", $2 / 1024, $3 / 1024 }'))"
        while read -r e s; do
            if [ "$e" != - ]; then up[$side]+="$e "; fi
            if [ "$s" != - ]; then first[$side]+="$s "; fi
        done < <(start_times "$log" "${dirs[$side]}")
        dfs "$side" rm -r "$out" >/dev/null 2>&1 || true  # the next run writes another directory anyway
    fi
    printf '  run %d %-8s %7.2f s  CPU %6s s  (load %s)  %s%s\n' "$r" "$side" \
        "$(bench_s "$BENCH_MS")" "$BENCH_CPU_S" "$(cut -d' ' -f1 /proc/loadavg)" "$BENCH_VERDICT" "$peak"
}

# bench_job NAME INPUT
bench_job() {
    local r side target sides=("$baseline" cluster)
    name=$1 input=$2
    bench_reset "${sides[@]}"
    rss=() up=() first=()
    for ((r = 1; r <= warmups; r++)); do
        # the cluster first: the submitting client's class-data archive is written by the first run
        # after a build, and it should hold the classes the measured side loads (a signing client's)
        for side in cluster "$baseline"; do
            [ "$side" = local ] && continue
            job_cmd "$name" "$side" "dfs:/bench/warmup-$name"
            bench_warmup "$(printf '%d %-8s' "$r" "$side")" "$logs/$name-warmup-$side-$r.log"
            dfs "$side" rm -r "dfs:/bench/warmup-$name" >/dev/null 2>&1 || true  # a failed warm-up may have left none
            executors_gone "${dirs[$side]}"
        done
    done
    if [ "$baseline" != local ] && [ "$name" != terasort ]; then words_reference "$name"; fi
    bench_rounds "$runs" cluster_run "${sides[@]}"
    declare -A median mcpu mrss mup mfirst
    printf '  %-8s %9s %9s %20s  %s\n' side "median s" "CPU s" "worker RSS MiB (max)" "runs (s)"
    for side in "${sides[@]}"; do
        median[$side]=$(bench_median_of ms "$side")
        mcpu[$side]=$(bench_median_of cpu "$side")
        # shellcheck disable=SC2086
        mrss[$side]=$( [ -n "${rss[$side]:-}" ] && bench_median ${rss[$side]} || echo -)
        # shellcheck disable=SC2086
        printf '  %-8s %9.2f %9s %20s  %s\n' "$side" "$(bench_s "${median[$side]}")" "${mcpu[$side]}" \
            "$(awk -v k="${mrss[$side]}" -v x="$(bench_max ${rss[$side]:--})" 'BEGIN { print (k == "-" ? k : int(k / 1024) " (" int(x / 1024) ")") }')" \
            "$(bench_runs_s "$side")"
    done
    echo "  (worker RSS: the median over runs of the peak of one worker daemon plus its executors, sampled every 200 ms)"
    for side in "${sides[@]}"; do
        # shellcheck disable=SC2086
        mup[$side]=$( [ -n "${up[$side]:-}" ] && bench_median ${up[$side]} || echo -)
        # shellcheck disable=SC2086
        mfirst[$side]=$( [ -n "${first[$side]:-}" ] && bench_median ${first[$side]} || echo -)
        [ "${mfirst[$side]}" != - ] || continue
        # shellcheck disable=SC2086
        printf '  start %-8s first assignment on a worker -> first attempt started: median %s ms (max %s, n=%d)%s\n' "$side" \
            "${mfirst[$side]}" "$(bench_max ${first[$side]})" "$(wc -w <<<"${first[$side]}")" \
            "$( [ "${mup[$side]}" = - ] || echo "; -> executor up: median ${mup[$side]} ms (max $(bench_max ${up[$side]}))")"
    done
    echo "  bench-summary job=$name mode=cluster workers=$workers runs=$runs ${baseline}_ms=${median[$baseline]} cluster_ms=${median[cluster]}" \
        "${baseline}_cpu_s=${mcpu[$baseline]} cluster_cpu_s=${mcpu[cluster]} ${baseline}_worker_rss_kb=${mrss[$baseline]} cluster_worker_rss_kb=${mrss[cluster]}" \
        "${baseline}_first_attempt_ms=${mfirst[$baseline]} cluster_first_attempt_ms=${mfirst[cluster]} cluster_executor_up_ms=${mup[cluster]}" \
        "${baseline}_ok=${BENCH_OK[$baseline]} cluster_ok=${BENCH_OK[cluster]}"
    target=$(target "$name")
    if [ "${BENCH_OK[$baseline]}" = 1 ] && [ "${BENCH_OK[cluster]}" = 1 ]; then
        awk -v n="$name" -v r="$(bench_ratio "${median[cluster]}" "${median[$baseline]}")" -v c="$(bench_ratio "${mcpu[cluster]}" "${mcpu[$baseline]}")" \
            -v base="$baseline" -v t="$target" 'BEGIN {
            printf "  RESULT %s: cluster/%s = %.3f (target <= %s): %s; CPU time cluster/%s = %.3f\n", n, base, r, t,
                (t == "-" ? "no target" : r <= t ? "met" : "MISSED"), base, c }'
    else
        echo "  RESULT $name: no ratio, a run failed or an output was wrong (logs in $logs)"
    fi
}

echo "mr-bench cluster: $size ($bytes bytes) per input, $workers workers${slots:+ of $slots slots}, --runs $runs, local runner -Xmx$BENCH_HEAP with $threads threads, seed $seed"
bench_machine
echo "data: $data (logs in $logs)"
bench_inputs "$data" "$bytes" "$seed" "$threads" "${jobs[@]}"
if [[ " ${jobs[*]} " == *" tiny "* ]]; then tiny_in=$(bench_tiny_input "$data" "$tiny_files" "$seed"); fi

bench_cluster_start "$cluster_dir" "$port" --workers "$workers" ${slots:+--slots "$slots"} ${tls_flags[@]+"${tls_flags[@]}"}
clusters=(cluster)
case $baseline in
    insecure) second_flags=(--insecure) ;;
    # -D to mr-cluster goes to the master (every job's default) and to each worker
    thread) second_flags=(-D mr.executor=thread ${tls_flags[@]+"${tls_flags[@]}"}) ;;
esac
if [ "$baseline" != local ]; then
    bench_cluster_start "$second_dir" "$port2" --workers "$workers" ${slots:+--slots "$slots"} "${second_flags[@]}"
    clusters+=("$baseline")
fi
for name in "${jobs[@]}"; do
    case $name in
        wordcount) src=$wc_in dst=dfs:/bench/text ;;
        terasort) src=$ts_in dst=dfs:/bench/tera ;;
        tiny) src=$tiny_in dst=dfs:/bench/tiny ;;
    esac
    for side in "${clusters[@]}"; do
        t0=$(date +%s%N)
        dfs "$side" put "$src" "$dst" >"$logs/put-$name-$side.log" 2>&1 || { echo "mr-dfs put $src $dst ($side) failed:"; tail -n 5 "$logs/put-$name-$side.log"; exit 1; }
        echo "  put $dst ($side): $(( $(du -sb "$src" | cut -f1) / 1048576 )) MiB in $(awk -v n="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", n / 1e9 }') s (not timed below)"
    done
done

for name in "${jobs[@]}"; do
    echo
    case $name in
        wordcount) echo "WordCount over $(( $(stat -c %s "$wc_in") / 1048576 )) MiB of text"; bench_job wordcount "$wc_in" ;;
        terasort) echo "TeraSort of $(( $(stat -c %s "$ts_in") / 100 )) records"; bench_job terasort "$ts_in" ;;
        tiny) echo "WordCount over $tiny_files tiny files, one map task each"; bench_job tiny "$tiny_in" ;;
    esac
done
bench_cluster_stop "$cluster_dir" "$second_dir"

if [ "$scheduler" = 1 ]; then
    echo
    echo "Scheduler alone, simulated (bench-scheduler.sh)"
    "$MR_HOME/scripts/lib/bench-scheduler.sh" | sed 's/^/  /' || BENCH_FAILED=1
fi
echo
echo "after: $(bench_load)"
exit "$BENCH_FAILED"
