#!/usr/bin/env bash
# bench-cluster.sh [--size 1g] [--runs 3] [--warmups 1] [--workers 2] [--slots N] [--data DIR] [--seed S] [--job wordcount|terasort|all] [--no-scheduler] [--against-insecure] [--tls]
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
# --tls: the cluster (not the --insecure one, nor the local runner) runs with TLS on every hop,
# with a test CA and certificate for 127.0.0.1 made here with openssl.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/mr-env.sh"
. "$MR_HOME/scripts/lib/bench-common.sh"

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

size=1g runs=3 warmups=1 workers=2 slots="" data=${MR_BENCH_DATA:-/tmp/mr-bench-data} seed=42 job=all scheduler=1 baseline=local tls=0
while [ $# -gt 0 ]; do
    case $1 in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmups) warmups=$2; shift 2 ;;
        --workers) workers=$2; shift 2 ;;
        --slots) slots=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --job) job=$2; shift 2 ;;
        --no-scheduler) scheduler=0; shift ;;
        --against-insecure) baseline=insecure; shift ;;
        --tls) tls=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "mr-bench cluster: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
bytes=$(bench_size_bytes "$size") || exit 2
for v in runs workers; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "mr-bench cluster: --$v wants a positive number, got '${!v}'" >&2; exit 2; }
done
[[ $warmups =~ ^[0-9]+$ ]] || { echo "mr-bench cluster: --warmups wants a number, got '$warmups'" >&2; exit 2; }
case $job in
    all) jobs=(wordcount terasort) ;;
    wordcount|terasort) jobs=("$job") ;;
    *) echo "mr-bench cluster: --job is wordcount, terasort or all, not '$job'" >&2; exit 2 ;;
esac
threads=$(nproc)

mr_build_if_needed
mkdir -p "$data"
data=$(cd "$data" && pwd)
work=$(mktemp -d /tmp/mr-bench-cluster.XXXXXX)
logs="$data/cluster-logs"
rm -rf "$logs"
mkdir -p "$logs"
cluster_dir="$work/cluster"
insecure_dir="$work/cluster-insecure"

# a free port for the master, so the bench never meets a cluster the user left running
port=7170
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
tls_flags=()
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
    master="https://127.0.0.1:$port"
else
    master="http://127.0.0.1:$port"
fi
port2=$((port + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$port2") 2>/dev/null; do port2=$((port2 + 1)); done
master2="http://127.0.0.1:$port2"  # the --insecure cluster of --against-insecure
export MR_SECRET_FILE="$cluster_dir/master/secret"  # the secure cluster's, which its master creates

cleanup() {
    "$MR_HOME/scripts/mr-cluster" stop --dir "$cluster_dir" >/dev/null 2>&1 || true
    "$MR_HOME/scripts/mr-cluster" stop --dir "$insecure_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# dfs SIDE ARGS...: mr-dfs against that side's cluster
dfs() {
    local side=$1
    shift
    if [ "$side" = insecure ]; then env -u MR_SECRET_FILE "$MR_HOME/scripts/mr-dfs" --master "$master2" "$@"
    else "$MR_HOME/scripts/mr-dfs" --master "$master" "$@"; fi
}

# cluster_cpu_ticks DIR: user + system clock ticks of the master and workers of the cluster in DIR so far
cluster_cpu_ticks() {
    local f total=0
    for f in "$1"/master.pid "$1"/worker-*.pid; do
        [ -f "$f" ] && [ -r "/proc/$(cat "$f")/stat" ] || continue
        total=$((total + $(sed -E 's/^.*\) //' "/proc/$(cat "$f")/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}

# ---- the two sides of each job ----------------------------------------------------------
# local: sets BENCH_CMD for the local runner writing to the file: directory $1
wordcount_local() { mr_local_job_cmd dev.mr.jobs.WordCount "$threads" "$wc_in" "$1" -D mr.reducers=1; }
terasort_local() { mr_local_job_cmd dev.mr.jobs.TeraSort "$threads" "$ts_in" "$1"; }
# cluster: sets BENCH_CMD for mr-submit to the cluster writing to the dfs: directory $1
wordcount_cluster() {
    BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.WordCount
        -D mr.reducers=1 -D mr.output.replication=1 dfs:/bench/text "$1")
}
terasort_cluster() {
    BENCH_CMD=("$MR_HOME/scripts/mr-submit" --master "$master" --wait "$BENCH_JAR" dev.mr.jobs.TeraSort dfs:/bench/tera "$1")
}
# insecure: the same, on the --insecure cluster, whose clients hold no secret
wordcount_insecure() { wordcount_cluster "$1"; BENCH_CMD=(env -u MR_SECRET_FILE "${BENCH_CMD[@]/#$master/$master2}"); }
terasort_insecure() { terasort_cluster "$1"; BENCH_CMD=(env -u MR_SECRET_FILE "${BENCH_CMD[@]/#$master/$master2}"); }

# checks: the first local WordCount output is the reference every later output must equal
wordcount_check() {
    local side=$1 out=$2 ref="$work/wordcount-reference.out" file="$work/wordcount-check.out"
    if [ "$side" = local ]; then
        cp "$out/part-r-00000" "$file" || { echo "FAIL: no $out/part-r-00000"; return 1; }
    else
        dfs "$side" cat "$out" >"$file" 2>"$file.err" || { echo "FAIL: mr-dfs cat $out: $(head -n 1 "$file.err")"; return 1; }
    fi
    if [ ! -f "$ref" ]; then
        [ "$side" = "$baseline" ] || { echo "unchecked (no $baseline output yet)"; return 0; }
        mv "$file" "$ref"
        echo "reference"
        return 0
    fi
    if cmp -s "$file" "$ref"; then echo "ok (= the $baseline run's bytes)"; else echo "FAIL: $(cmp "$file" "$ref" 2>&1 | head -n 1)"; return 1; fi
}
terasort_check() {
    local side=$1 out=$2 dir=$2 verdict
    if [ "$side" != local ]; then
        dir="$work/terasort-check"
        rm -rf "$dir"
        mkdir -p "$dir"
        dfs "$side" get "$out" "$dir/" >/dev/null 2>"$dir.err" || { echo "FAIL: mr-dfs get $out: $(head -n 1 "$dir.err")"; return 1; }
        dir="$dir/$(basename "$out")"
    fi
    # shellcheck disable=SC2046
    verdict=$(bench_java TeraCheck verify "$dir" $(bench_tera_sum "$ts_in") 2>&1) || { echo "${verdict:-FAIL}" | head -n 3; return 1; }
    rm -rf "$work/terasort-check"
    echo "ok (sorted, same records)"
}

failed=0

# bench_job NAME INPUT
bench_job() {
    local name=$1 input=$2 side r out verdict log t0 t1 sides=("$baseline" cluster) target
    declare -A ms cpu ok dirs=([cluster]="$cluster_dir" [insecure]="$insecure_dir" [local]="")
    ok[$baseline]=1 ok[cluster]=1
    # daemons run for days: the first job after they start pays for their JIT warm-up, which is
    # not what a cluster costs (the local runner's JVM is cold every time, as it is in use)
    for ((r = 1; r <= warmups; r++)); do
        # the cluster first: the submitting client's class-data archive is written by the first run
        # after a build, and it should hold the classes the measured side loads (a signing client's)
        for side in cluster "$baseline"; do
            [ "$side" = local ] && continue
            "${name}_$side" "dfs:/bench/warmup-$name"
            if bench_measure "$logs/$name-warmup-$side-$r.log" "${BENCH_CMD[@]}"; then
                printf '  warm-up %d %-8s %5.2f s (untimed)\n' "$r" "$side" "$(awk -v m="$BENCH_MS" 'BEGIN { print m / 1000 }')"
            else
                echo "  warm-up $r $side failed, see $logs/$name-warmup-$side-$r.log"
            fi
            dfs "$side" rm -r "dfs:/bench/warmup-$name" >/dev/null 2>&1 || true
        done
    done
    for ((r = 1; r <= runs; r++)); do
        for side in "${sides[@]}"; do
            if [ "$side" = local ]; then out="$work/$name-local"; rm -rf "$out"; else out="dfs:/bench/out-$name-$r"; fi
            "${name}_$side" "$out"
            bench_warm "$input"
            log="$logs/$name-$side-$r.log"
            t0=$(cluster_cpu_ticks "${dirs[$side]}")
            if bench_measure "$log" "${BENCH_CMD[@]}"; then
                verdict=$("${name}_check" "$side" "$out") || { ok[$side]=0; failed=1; }
            else
                verdict="FAIL: exit status $?, see $log"
                ok[$side]=0
                failed=1
                tail -n 5 "$log" | sed 's/^/    | /'
            fi
            t1=$(cluster_cpu_ticks "${dirs[$side]}")
            if [ "$side" != local ]; then
                # the daemons' CPU during the job, plus the submitting client's
                BENCH_CPU_S=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" -v c="$BENCH_CPU_S" \
                    'BEGIN { printf "%.1f", (b - a) / hz + (c == "-" ? 0 : c) }')
                dfs "$side" rm -r "$out" >/dev/null 2>&1 || true
            fi
            ms[$side]+="$BENCH_MS " cpu[$side]+="$BENCH_CPU_S "
            printf '  run %d %-7s %7.2f s  CPU %6s s  (load %s)  %s\n' "$r" "$side" \
                "$(awk -v m="$BENCH_MS" 'BEGIN { print m / 1000 }')" "$BENCH_CPU_S" "$(cut -d' ' -f1 /proc/loadavg)" "$verdict"
            [ "$side" = local ] && rm -rf "$out"
        done
    done
    declare -A median mcpu
    printf '  %-8s %9s %9s  %s\n' side "median s" "CPU s" "runs (s)"
    for side in "${sides[@]}"; do
        # shellcheck disable=SC2086
        median[$side]=$(bench_median ${ms[$side]})
        # shellcheck disable=SC2086
        mcpu[$side]=$(printf '%s\n' ${cpu[$side]} | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
        # shellcheck disable=SC2086
        printf '  %-8s %9.2f %9s  %s\n' "$side" "$(awk -v m="${median[$side]}" 'BEGIN { print m / 1000 }')" "${mcpu[$side]}" \
            "$(for m in ${ms[$side]}; do awk -v m="$m" 'BEGIN { printf "%.2f ", m / 1000 }'; done)"
    done
    echo "  bench-summary job=$name mode=cluster workers=$workers runs=$runs ${baseline}_ms=${median[$baseline]} cluster_ms=${median[cluster]}" \
        "${baseline}_cpu_s=${mcpu[$baseline]} cluster_cpu_s=${mcpu[cluster]} ${baseline}_ok=${ok[$baseline]} cluster_ok=${ok[cluster]}"
    target=1.3
    [ "$baseline" = insecure ] && target=1.03
    if [ "${ok[$baseline]}" = 1 ] && [ "${ok[cluster]}" = 1 ]; then
        awk -v n="$name" -v a="${median[cluster]}" -v b="${median[$baseline]}" -v ca="${mcpu[cluster]}" -v cb="${mcpu[$baseline]}" \
            -v base="$baseline" -v t="$target" 'BEGIN {
            r = a / b; printf "  RESULT %s: cluster/%s = %.3f (target <= %s): %s; CPU time cluster/%s = %.3f\n", n, base, r, t, (r <= t ? "met" : "MISSED"), base, (cb > 0 ? ca / cb : 0) }'
    else
        echo "  RESULT $name: no ratio, a run failed or an output was wrong (logs in $logs)"
    fi
}

echo "mr-bench cluster: $size ($bytes bytes) per input, $workers workers${slots:+ of $slots slots}, --runs $runs, local runner -Xmx$BENCH_HEAP with $threads threads, seed $seed"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; before: $(bench_load)"
echo "data: $data (logs in $logs)"
for name in "${jobs[@]}"; do
    case $name in
        wordcount) wc_in=$(bench_text_input "$data" "$bytes" "$seed" "$threads") ;;
        terasort) ts_in=$(bench_tera_input "$data" $((bytes / 100)) "$seed" "$threads") ;;
    esac
done

MR_JAVA_OPTS="${MR_BENCH_DAEMON_OPTS:-}" "$MR_HOME/scripts/mr-cluster" start --workers "$workers" --dir "$cluster_dir" --port "$port" \
    ${slots:+--slots "$slots"} ${tls_flags[@]+"${tls_flags[@]}"} | sed 's/^/  /'
clusters=(cluster)
if [ "$baseline" = insecure ]; then
    MR_JAVA_OPTS="${MR_BENCH_DAEMON_OPTS:-}" "$MR_HOME/scripts/mr-cluster" start --workers "$workers" --dir "$insecure_dir" --port "$port2" \
        ${slots:+--slots "$slots"} --insecure | sed 's/^/  /'
    clusters+=(insecure)
fi
for name in "${jobs[@]}"; do
    case $name in
        wordcount) src=$wc_in dst=dfs:/bench/text ;;
        terasort) src=$ts_in dst=dfs:/bench/tera ;;
    esac
    for side in "${clusters[@]}"; do
        t0=$(date +%s%N)
        dfs "$side" put "$src" "$dst" >"$logs/put-$name.log" 2>&1 || { echo "mr-dfs put $src $dst ($side) failed:"; tail -n 5 "$logs/put-$name.log"; exit 1; }
        echo "  put $dst ($side): $(( $(stat -c %s "$src") / 1048576 )) MiB in $(awk -v n="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", n / 1e9 }') s (not timed below)"
    done
done

for name in "${jobs[@]}"; do
    echo
    case $name in
        wordcount) echo "WordCount over $(( $(stat -c %s "$wc_in") / 1048576 )) MiB of text"; bench_job wordcount "$wc_in" ;;
        terasort) echo "TeraSort of $(( $(stat -c %s "$ts_in") / 100 )) records"; bench_job terasort "$ts_in" ;;
    esac
done
"$MR_HOME/scripts/mr-cluster" stop --dir "$cluster_dir" >/dev/null
[ "$baseline" = insecure ] && "$MR_HOME/scripts/mr-cluster" stop --dir "$insecure_dir" >/dev/null

if [ "$scheduler" = 1 ]; then
    echo
    echo "Scheduler alone, simulated (bench-scheduler.sh)"
    bash "$MR_HOME/scripts/lib/bench-scheduler.sh" | sed 's/^/  /' || failed=1
fi
echo
echo "after: $(bench_load)"
exit $failed
