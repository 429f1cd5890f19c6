# shellcheck shell=bash
# Sourced by scripts/mr-bench (and free for the dfs/cluster benches): seeded input data
# cached under the bench data dir, timing of one program run in a fresh JVM, medians,
# and -- in one marked function -- how a job is run through the framework's local runner.
# Needs scripts/lib/mr-env.sh sourced first (MR_HOME, MR_VERSION, mr_classpath).

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

# ---- a cluster started with mr-cluster in DIR (bench-cluster.sh, bench-shuffle-compress.sh) ----

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

# mr_local_missing CLASS -> prints what is missing for running CLASS through the local
# runner (nothing when all is there), so the bench can report the baselines alone until then
mr_local_missing() {
    local class=$1 missing=()
    bench_jar_has "$MR_HOME/mr-worker/target/mr-worker-$MR_VERSION.jar" dev/mr/worker/submit/Submit.class \
        || missing+=("dev.mr.worker.submit.Submit (mr-worker)")
    bench_jar_has "$BENCH_JAR" "${class//.//}.class" || missing+=("$class (jobs)")
    [ ${#missing[@]} -eq 0 ] || echo "${missing[*]}"
}
# ---------------------------------------------------------------------------------------

bench_jar_has() {
    [ -f "$1" ] || return 1
    if command -v unzip >/dev/null; then
        unzip -Z1 "$1" 2>/dev/null | grep -xF "$2" >/dev/null
    else
        jar tf "$1" | grep -xF "$2" >/dev/null
    fi
}
