# shellcheck shell=bash
# Sourced by every mode of scripts/mr-bench that times programs (engine, cluster,
# shuffle-compress, streaming, dfs): seeded input data cached under the bench data dir, timing
# of one program run, and the one driver they all run their rounds with (bench_rounds,
# bench_run, the medians and ratios, a local cluster's start, stop and CPU seconds); and -- in
# one marked part -- how a job is run through the framework's local runner.
# Needs scripts/lib/mr-env.sh sourced first (MR_HOME, MR_VERSION, mr_classpath). Sets no shell
# options: the modes that source it run under set -euo pipefail, and so must its functions.

BENCH_JAR="$MR_HOME/jobs/target/jobs-$MR_VERSION.jar"
BENCH_HEAP=${MR_BENCH_HEAP:-2g}
BENCH_DATA_VERSION=v1 # bump when a generator's output changes, so cached inputs are remade

# bench_size_bytes 1g|512m|64k|12345 -> bytes (binary units)
bench_size_bytes() {
    local s=${1,,}
    case $s in
        *g) echo $(( ${s%g} * 1024 * 1024 * 1024 )) ;;
        *m) echo $(( ${s%m} * 1024 * 1024 )) ;;
        *k) echo $(( ${s%k} * 1024 )) ;;
        *[!0-9]*|'') echo "bad size '$1': want a number with an optional k, m or g suffix" >&2; return 1 ;;
        *) echo "$s" ;;
    esac
}

# bench_java_cmd MAIN ARGS...: sets BENCH_CMD to run a bench program (plain Java in the
# jobs jar) in its own JVM; commands are arrays, not functions, so /usr/bin/time can run them
bench_java_cmd() {
    local main=$1
    shift
    # the same JVM options as the framework's jobs get (mr_server_java_opts), so that the ratio
    # compares the programs, not the JVMs
    # shellcheck disable=SC2206,SC2207 # both are lists of JVM options, split on spaces on purpose
    BENCH_CMD=(java -Xmx"$BENCH_HEAP" $(mr_server_java_opts) ${MR_BENCH_JAVA_OPTS:-} -cp "$BENCH_JAR" "dev.mr.jobs.bench.$main" "$@")
}

bench_java() {
    bench_java_cmd "$@"
    "${BENCH_CMD[@]}"
}

# bench_inputs DATA BYTES SEED THREADS JOB...: makes (or finds cached) the input of each of the
# jobs wordcount and terasort among JOB, in wc_in and ts_in; other jobs' inputs are the mode's own
bench_inputs() {
    local data=$1 bytes=$2 seed=$3 threads=$4 name
    shift 4
    for name in "$@"; do
        # shellcheck disable=SC2034 # the mode reads them
        case $name in
            wordcount) wc_in=$(bench_text_input "$data" "$bytes" "$seed" "$threads") ;;
            terasort) ts_in=$(bench_tera_input "$data" $((bytes / 100)) "$seed" "$threads") ;;
        esac
    done
}

# bench_text_input DIR BYTES SEED THREADS -> path of cached Zipf-like text of exactly BYTES bytes
bench_text_input() {
    local dir=$1 bytes=$2 seed=$3 threads=$4
    local f="$dir/text-$bytes-s$seed-$BENCH_DATA_VERSION.txt"
    if [ ! -f "$f" ]; then
        echo "generating $f ..." >&2
        bench_java TextGen "$bytes" "$f" --seed "$seed" --threads "$threads" >&2 || return 1
    fi
    echo "$f"
}

# bench_tera_input DIR ROWS SEED THREADS -> path of cached TeraGen-layout records, with
# its record count and checksum cached beside it in .sum (see bench_tera_sum)
bench_tera_input() {
    local dir=$1 rows=$2 seed=$3 threads=$4
    local f="$dir/tera-$rows-s$seed-$BENCH_DATA_VERSION.dat"
    if [ ! -f "$f" ]; then
        echo "generating $f ..." >&2
        bench_java TeraInputGen "$rows" "$f" --seed "$seed" --threads "$threads" >&2 || return 1
    fi
    if [ ! -f "$f.sum" ]; then
        bench_java TeraCheck sum "$f" >"$f.sum.partial" 2>/dev/null && mv "$f.sum.partial" "$f.sum" || return 1
    fi
    echo "$f"
}

# bench_tiny_input DIR FILES SEED -> path of a cached directory of FILES small text files (3 to 7
# lines of a few words each): input for a job whose time is its tasks' start-up, not their work
bench_tiny_input() {
    local dir=$1 files=$2 seed=$3
    local d="$dir/tiny-$files-s$seed-$BENCH_DATA_VERSION"
    if [ ! -d "$d" ]; then
        rm -rf "$d.partial"
        mkdir -p "$d.partial"
        awk -v n="$files" -v seed="$seed" -v d="$d.partial" 'BEGIN {
            srand(seed)
            for (i = 0; i < n; i++) {
                f = sprintf("%s/part-%05d.txt", d, i)
                lines = 3 + int(rand() * 5)
                for (l = 0; l < lines; l++) {
                    s = ""
                    for (w = 4 + int(rand() * 8); w > 0; w--) s = s (s == "" ? "" : " ") "w" int(rand() * rand() * 500)
                    print s > f
                }
                close(f)
            }
        }' || return 1
        mv "$d.partial" "$d"
    fi
    echo "$d"
}

# bench_tera_sum INPUT -> "--records N --checksum HEX" for TeraCheck verify
bench_tera_sum() {
    sed -E 's/records=([0-9]+) checksum=([0-9a-f]+)/--records \1 --checksum \2/' "$1.sum"
}

# bench_same_bytes FILE REF WHAT: the first output checked (no REF yet) becomes the reference REF;
# every later one must equal it byte for byte: prints the verdict ("ok (= WHAT)"), fails when it differs
bench_same_bytes() {
    if [ ! -f "$2" ]; then
        mv "$1" "$2"
        echo "reference"
    elif cmp -s "$1" "$2"; then
        echo "ok (= $3)"
    else
        echo "FAIL: $(cmp "$1" "$2" 2>&1 | head -n 1)"
        return 1
    fi
}

# bench_tera_check DIR INPUT: prints the verdict on TeraSort's output in DIR (sorted, and INPUT's
# records), fails when it is wrong
bench_tera_check() {
    local verdict
    # shellcheck disable=SC2046 # bench_tera_sum prints two options with their values, four words
    verdict=$(bench_java TeraCheck verify "$1" $(bench_tera_sum "$2") 2>&1) || { echo "${verdict:-FAIL}" | head -n 3; return 1; }
    echo "ok (sorted, same records)"
}

# bench_warm FILE|DIR: reads FILE (or DIR's files) once, untimed, so every run starts with its
# input in the page cache as far as the machine keeps it (on these VMs the kernel pages out cold
# file pages within seconds, so without this the first program after a pause would read from disk)
bench_warm() {
    if [ -d "$1" ]; then cat "$1"/* >/dev/null; else cat "$1" >/dev/null; fi
}

# bench_load: the load average and, where the kernel reports it, the CPU pressure (the
# share of time some runnable task waited for a CPU) over the last minute
bench_load() {
    local load pressure=""
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    [ -r /proc/pressure/cpu ] && pressure=", CPU pressure $(sed -nE 's/^some avg10=[0-9.]+ avg60=([0-9.]+).*/\1/p' /proc/pressure/cpu)% (1 min)"
    echo "load average $load$pressure"
}

# bench_measure LOG CMD ARGS...: runs CMD with its output in LOG; sets BENCH_MS (wall),
# BENCH_RSS_KB (peak resident set of the process) and BENCH_CPU_S (user + sys seconds);
# returns CMD's exit status.
bench_measure() {
    local log=$1
    shift
    local tfile="$log.time" rc=0 t0 t1
    t0=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -o "$tfile" -f '%M %U %S' "$@" >"$log" 2>&1 || rc=$?
    else
        "$@" >"$log" 2>&1 || rc=$?
    fi
    t1=$(date +%s%N)
    # shellcheck disable=SC2034 # BENCH_MS and BENCH_CPU_S are results, read by the sourcing script
    BENCH_MS=$(( (t1 - t0) / 1000000 ))
    BENCH_RSS_KB=- BENCH_CPU_S=-
    if [ -f "$tfile" ]; then
        read -r BENCH_RSS_KB u s < <(tail -n 1 "$tfile")
        # shellcheck disable=SC2034 # read by the sourcing script
        BENCH_CPU_S=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
        rm -f "$tfile"
    else # fall back on the VmHWM line the bench programs print themselves
        BENCH_RSS_KB=$(sed -nE 's/^bench-result .*peak_rss_kb=([0-9-]+).*/\1/p' "$log" | tail -n 1)
        BENCH_RSS_KB=${BENCH_RSS_KB:--}
    fi
    return $rc
}

# bench_median N... -> median (mean of the middle two for an even count: whole when every N is
# whole, as milliseconds and ticks are; exact when some N has a fraction, as seconds have)
bench_median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1; if ($1 !~ /^-?[0-9]+$/) frac = 1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else { m = (v[NR / 2] + v[NR / 2 + 1]) / 2; print (frac ? m : int(m)) } }'
}

# bench_max N... -> largest, ignoring unknowns ("-"); "-" when all are unknown
bench_max() {
    printf '%s\n' "$@" | awk '$1 != "-" && (m == "" || $1 + 0 > m + 0) { m = $1 } END { print (m == "" ? "-" : m) }'
}

# ---- the driver: rounds, runs, figures per side ------------------------------------------
# A mode names its sides (programs, clusters, codecs, stores), sets BENCH_CMD for a run of one
# side and checks that run's output; the driver orders the rounds, times each run, keeps the
# figures per side and reduces them to medians and ratios.

# bench_option WHO VALUED ARGS...: reads the option ARGS starts with, when it is --NAME for a
# NAME in the space-separated VALUED list: sets the variable NAME to the value that follows and
# BENCH_SHIFT=2. --help prints the mode's usage and exits 0; a valued option without its value
# exits 2 naming it; anything else (a mode's own flag) returns 1. Every mode parses with it.
bench_option() {
    local who=$1 valued=" $2 " opt
    shift 2
    case $1 in
        -h|--help) usage; exit 0 ;;
        --*) opt=${1#--} ;;
        *) return 1 ;;
    esac
    [[ $valued == *" $opt "* ]] || return 1
    [ $# -ge 2 ] || { echo "$who: --$opt wants a value" >&2; usage >&2; exit 2; }
    printf -v "$opt" '%s' "$2"
    # shellcheck disable=SC2034 # the mode's parse loop shifts by it
    BENCH_SHIFT=2
}

# bench_unknown WHO ARG: exits 2 naming an argument the mode does not take, with its usage
bench_unknown() {
    echo "$1: unknown argument '$2'" >&2
    usage >&2
    exit 2
}

# bench_positive WHO FLAG VALUE: exits 2 unless VALUE is a positive whole number
bench_positive() {
    [[ $3 =~ ^[1-9][0-9]*$ ]] || { echo "$1: $2 wants a positive number, got '$3'" >&2; exit 2; }
}

# bench_data_dir DIR -> DIR, made and absolute: where inputs are cached from one bench to the next
bench_data_dir() {
    mkdir -p "$1" && (cd "$1" && pwd)
}

# bench_machine: the machine, and how loaded it is before the bench starts
bench_machine() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; before: $(bench_load)"
}

# bench_order ROUND SIDE... -> the sides, one a line, in the order round ROUND runs them: round 1
# in the order given (a mode's reference output is its first side's first run), each later round
# starting one side further on, so that on a shared machine no side always goes first
bench_order() {
    local r=$1 i k
    shift
    for ((i = 0; i < $#; i++)); do
        k=$(((i + r - 1) % $# + 1))
        printf '%s\n' "${!k}"
    done
}

# bench_rounds RUNS FN SIDE...: calls FN ROUND SIDE for every side of each of RUNS rounds, in
# bench_order
bench_rounds() {
    local runs=$1 fn=$2 r side order
    shift 2
    for ((r = 1; r <= runs; r++)); do
        mapfile -t order < <(bench_order "$r" "$@")
        for side in "${order[@]}"; do "$fn" "$r" "$side"; done
    done
}

# The figures of the runs so far, per side, space-separated: wall milliseconds, CPU seconds and
# peak RSS in kB ("-" where unknown). BENCH_OK[SIDE] turns 0 once a run of SIDE failed or its
# output was wrong; BENCH_FAILED then turns 1 (a mode's exit status).
declare -gA BENCH_RUNS_MS=() BENCH_RUNS_CPU=() BENCH_RUNS_RSS=() BENCH_OK=()
BENCH_FAILED=0

# bench_reset SIDE...: forgets every run so far; SIDE... start with none, and ok
bench_reset() {
    local side
    BENCH_RUNS_MS=() BENCH_RUNS_CPU=() BENCH_RUNS_RSS=() BENCH_OK=()
    for side in "$@"; do
        BENCH_RUNS_MS[$side]="" BENCH_RUNS_CPU[$side]="" BENCH_RUNS_RSS[$side]="" BENCH_OK[$side]=1
    done
}

# bench_run [--cluster DIR] SIDE LOG CHECK ARGS...: one timed run of BENCH_CMD (bench_measure),
# its output in LOG; when it succeeds, CHECK ARGS prints the verdict on its output (and fails
# when the output is wrong). Records the run for SIDE and sets BENCH_VERDICT. With --cluster,
# BENCH_CMD is a client of the cluster in DIR, and its CPU seconds are the client's plus what
# the daemons and their executors used during the job, counted once its executors are gone
# and before the check, whose reads are not the job's.
# shellcheck disable=SC2034 # BENCH_VERDICT, BENCH_OK and BENCH_FAILED are results, read by the mode
bench_run() {
    local cluster="" side log t0=0 rc=0
    if [ "$1" = --cluster ]; then cluster=$2; shift 2; fi
    side=$1 log=$2
    shift 2
    [ -z "$cluster" ] || t0=$(cluster_cpu_ticks "$cluster")
    bench_measure "$log" "${BENCH_CMD[@]}" || rc=$?
    if [ -n "$cluster" ]; then
        executors_gone "$cluster"
        BENCH_CPU_S=$(awk -v a="$t0" -v b="$(cluster_cpu_ticks "$cluster")" -v hz="$(getconf CLK_TCK)" -v c="$BENCH_CPU_S" \
            'BEGIN { printf "%.1f", (b - a) / hz + (c == "-" ? 0 : c) }')
    fi
    if [ "$rc" = 0 ]; then
        BENCH_VERDICT=$("$@") || { BENCH_OK[$side]=0; BENCH_FAILED=1; }
    else
        BENCH_VERDICT="FAIL: exit status $rc, see $log"
        BENCH_OK[$side]=0 BENCH_FAILED=1
        tail -n 5 "$log" | sed 's/^/    | /'
    fi
    BENCH_RUNS_MS[$side]+="$BENCH_MS " BENCH_RUNS_CPU[$side]+="$BENCH_CPU_S " BENCH_RUNS_RSS[$side]+="$BENCH_RSS_KB "
}

# bench_warmup LABEL LOG: one untimed run of BENCH_CMD (daemons run for days: the first job after
# they start pays for their JIT warm-up, which is not what a cluster costs), its output in LOG
bench_warmup() {
    if bench_measure "$2" "${BENCH_CMD[@]}"; then
        printf '  warm-up %s %6.2f s (untimed)\n' "$1" "$(bench_s "$BENCH_MS")"
    else
        echo "  warm-up $1 failed, see $2"
    fi
}

# bench_known ms|cpu|rss SIDE -> SIDE's figures of that kind so far, one a line, the unknown left out
bench_known() {
    local -n bench_runs=BENCH_RUNS_${1^^}
    local v
    for v in ${bench_runs[$2]:-}; do
        [ "$v" = - ] || echo "$v"
    done
}

# bench_median_of ms|cpu|rss SIDE -> the median of SIDE's figures of that kind ("-" when none is known)
bench_median_of() {
    local v
    mapfile -t v < <(bench_known "$1" "$2")
    if [ ${#v[@]} -eq 0 ]; then echo -; else bench_median "${v[@]}"; fi
}

# bench_max_of ms|cpu|rss SIDE -> the largest of SIDE's figures of that kind ("-" when none is known)
bench_max_of() {
    local v
    mapfile -t v < <(bench_known "$1" "$2")
    bench_max "${v[@]}"
}

# bench_s MS -> seconds, for printf's %f
bench_s() {
    awk -v m="$1" 'BEGIN { print m / 1000 }'
}

# bench_runs_s SIDE -> SIDE's wall times so far in seconds: "1.23 4.56 "
bench_runs_s() {
    local m
    for m in ${BENCH_RUNS_MS[$1]:-}; do awk -v m="$m" 'BEGIN { printf "%.2f ", m / 1000 }'; done
}

# bench_ratio A B -> A / B, 0 when B is not positive (or unknown)
bench_ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'
}

# ---- a cluster started with mr-cluster in DIR (bench-cluster.sh, bench-shuffle-compress.sh) ----

# bench_free_port FROM -> the first port from FROM up that nothing listens on at 127.0.0.1, so
# that a bench never meets a cluster the user left running
bench_free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

# bench_cluster_start DIR PORT [FLAG...]: `mr-cluster start` in DIR with its master on PORT (the
# daemons' JVM options: MR_BENCH_DAEMON_OPTS), its lines indented
bench_cluster_start() {
    local dir=$1 port=$2
    shift 2
    MR_JAVA_OPTS="${MR_BENCH_DAEMON_OPTS:-}" "$MR_HOME/scripts/mr-cluster" start --dir "$dir" --port "$port" "$@" | sed 's/^/  /'
}

# bench_cluster_stop DIR...: stops the clusters in DIR... (none running there is fine: cleanup calls it)
bench_cluster_stop() {
    local dir
    for dir in "$@"; do
        "$MR_HOME/scripts/mr-cluster" stop --dir "$dir" >/dev/null 2>&1 || true
    done
}

# worker_pids DIR: the worker daemons of the cluster in DIR, comma-separated
worker_pids() {
    local f pids=()
    for f in "$1"/worker-*.pid; do [ -f "$f" ] && pids+=("$(cat "$f")"); done
    (IFS=,; echo "${pids[*]}")
}

# proc_cpu_ticks PID: user + system clock ticks (getconf CLK_TCK a second) that process PID and
# the children it reaped (cutime, cstime) have used so far; 0 once it is gone
proc_cpu_ticks() {
    { sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null || true; } | awk '{ t = $12 + $13 + $14 + $15 } END { print t + 0 }'
}

# cluster_cpu_ticks DIR: user + system clock ticks of the master and workers of the cluster in DIR
# so far, with their executors': the ended ones the workers reaped (cutime, cstime), the live ones
cluster_cpu_ticks() {
    local f total=0 p
    for f in "$1"/master.pid "$1"/worker-*.pid; do
        [ -f "$f" ] || continue
        total=$((total + $(proc_cpu_ticks "$(cat "$f")")))
    done
    for p in $(ps -o pid= --ppid "$(worker_pids "$1")" 2>/dev/null); do
        [ -r "/proc/$p/stat" ] && total=$((total + $(sed -E 's/^.*\) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}

# executors_gone DIR: waits (up to 20 s) until no worker of the cluster in DIR has a child process:
# a job's executors exit after it ends, and their CPU counts once they are reaped
executors_gone() {
    local workers
    workers=$(worker_pids "$1")
    for _ in $(seq 1 100); do
        [ -z "$(ps -o pid= --ppid "$workers" 2>/dev/null)" ] && return 0
        sleep 0.2
    done
}

# ---------------------------------------------------------------------------------------
# THE FRAMEWORK SIDE. The only place that knows how a job runs through the local runner;
# adjust here when Submit or the job drivers change.
#
# mr_local_job_cmd CLASS THREADS IN OUT [-D key=value ...]: sets BENCH_CMD
mr_local_job_cmd() {
    local class=$1 threads=$2 in=$3 out=$4
    shift 4
    # shellcheck disable=SC2206,SC2207 # both are lists of JVM options, split on spaces on purpose
    BENCH_CMD=(java -Xmx"$BENCH_HEAP" $(mr_server_java_opts) ${MR_BENCH_JAVA_OPTS:-} -cp "$(mr_classpath mr-worker)" dev.mr.worker.submit.Submit
        --local "$BENCH_JAR" "$class" -D mr.local.threads="$threads" "$@" "$in" "$out")
}

# mr_local_streaming_cmd THREADS IN OUT MAPPER_CMD REDUCER_CMD [-D key=value ...]: sets BENCH_CMD to
# a streaming job (scripts/mr-streaming's jar and main) through the local runner
mr_local_streaming_cmd() {
    local threads=$1 in=$2 out=$3 mapper=$4 reducer=$5
    shift 5
    # shellcheck disable=SC2206,SC2207 # both are lists of JVM options, split on spaces on purpose
    BENCH_CMD=(java -Xmx"$BENCH_HEAP" $(mr_server_java_opts) ${MR_BENCH_JAVA_OPTS:-} -cp "$(mr_classpath mr-worker)" dev.mr.worker.submit.Submit
        "$MR_HOME/mr-streaming/target/mr-streaming-$MR_VERSION.jar" dev.mr.streaming.Streaming --local -D mr.local.threads="$threads" "$@"
        -input "$in" -output "$out" -mapper "$mapper" -reducer "$reducer")
}

# ---------------------------------------------------------------------------------------
