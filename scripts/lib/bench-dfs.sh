#!/usr/bin/env bash
# bench-dfs.sh: `mr-dfs put` and `get` of one file (1 GiB by default) with replication 3 on this
# machine, next to Hadoop's own store and `cp` of the same file in the same run.
#
#   mr-bench dfs [--size 1g] [--runs 6]
#   mr-bench dfs --fsync-cost [--size 256m] [--runs 3]
#
# The anchor is HDFS: Hadoop's `FsShell -put` / `-get` (the shaded hadoop-client-api/runtime,
# a fresh JVM per command with its default options, as `hdfs dfs` runs) against a 3-DataNode
# MiniDFSCluster with replication 3 (dev.mr.hadoop.MiniHdfs, the tests' HDFS, run by MiniHdfsMain
# in a process of its own, as dfs-lite's store is: a name server and three data servers in one
# JVM). Each round times a put to each store, then a
# get from each, the order alternating between rounds (on a shared VM whichever goes second is
# often slower). Printed: medians, MiB/s, CPU seconds per GiB (the command's own, from the
# shell's `times`, plus the store process's during it, from /proc/PID/stat), and the ratios
# dfs-lite / HDFS of time and CPU.
# Beside that, dfs-lite's targets of issue 3 against `cp` in the same rounds:
#   put >= 0.7 x (cp throughput / 3)    (three replicas on one disk: a put writes 3x the bytes)
#   get >= 0.7 x cp throughput
# Command times include the JVM start of each command, as a user sees it; the rate an mr-dfs
# command reports itself (its progress line: bytes over the time from open to close) is printed
# beside it. The mr-dfs CLI runs as scripts/mr-dfs runs it (C1 only, serial GC, a class-data
# archive made by a warm-up run); MR_JAVA_OPTS adds to its options and the stores',
# MR_BENCH_HDFS_JAVA_OPTS to FsShell's. Both stores are warmed up first with an untimed put and
# get of 128 MiB, as long-running daemons are. Everything lives in a temporary directory under
# /tmp, removed at the end (with both stores stopped).
#
# With --fsync-cost it measures what dfs.chunk.fsync costs instead: two dfs-lite stores side by
# side, one with the setting on and one with it off, and `mr-dfs put` of one file (256 MiB by
# default) to each in turn, --runs rounds (the order alternating), then the medians and their ratio.
#
# Environment: MR_BENCH_DFS_MB and MR_BENCH_RUNS, the defaults of --size (in MiB) and --runs.
set -euo pipefail

# shellcheck source=mr-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/mr-env.sh"
# shellcheck source=bench-common.sh
source "$MR_HOME/scripts/lib/bench-common.sh"

usage() {
    sed -n '5,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

MODE=put-get SIZE="" RUNS=${MR_BENCH_RUNS:-}
while [ $# -gt 0 ]; do
    case $1 in
        --fsync-cost) MODE=fsync-cost; shift ;;
        --size|--runs)
            [ $# -ge 2 ] || { echo "bench-dfs: $1 wants a value" >&2; usage >&2; exit 2; }
            if [ "$1" = --size ]; then SIZE=$2; else RUNS=$2; fi
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench-dfs: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
if [ -n "$SIZE" ]; then
    bytes=$(bench_size_bytes "$SIZE") || exit 2
    if [ $((bytes % 1048576)) != 0 ] || [ "$bytes" = 0 ]; then
        echo "bench-dfs: --size wants whole MiB (such as 256m or 1g), not '$SIZE'" >&2
        exit 2
    fi
    SIZE_MB=$((bytes / 1048576))
else
    SIZE_MB=${MR_BENCH_DFS_MB:-$([ "$MODE" = fsync-cost ] && echo 256 || echo 1024)}
fi
RUNS=${RUNS:-$([ "$MODE" = fsync-cost ] && echo 3 || echo 6)}
[[ $SIZE_MB =~ ^[1-9][0-9]*$ ]] || { echo "bench-dfs: the size wants a positive number of MiB, got '$SIZE_MB'" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench-dfs: --runs wants a positive number, got '$RUNS'" >&2; exit 2; }

mr_need_jq "mr-bench dfs"  # reads the store's health
mr_build_if_needed
CP=$(mr_classpath mr-dfs-lite)
WORK=$(mktemp -d /tmp/mr-bench-dfs.XXXXXX)
SERVER_PIDS=()
HZ=$(getconf CLK_TCK)

cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

CLI_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# the CLI against the store at $MASTER, holding that store's cluster secret ($SECRET)
dfs() {
    # shellcheck disable=SC2086
    MR_SECRET_FILE="$SECRET" java $CLI_OPTS ${MR_JAVA_OPTS:-} -cp "$CP" dev.mr.dfs.cli.DfsCli --master "$MASTER" "$@"
}

# seconds (with fractions) taken by a command; its standard error goes to $WORK/last.err, the
# CPU seconds it used (user + system) to $WORK/last.cpu. A command that fails stops the bench
# with its error.
timed() {
    local start end
    start=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$WORK/last.err"; then
        echo "bench-dfs: '$*' failed:" >&2
        tail -n 20 "$WORK/last.err" >&2
        return 1
    fi
    end=$(date +%s%N)
    # runs in a $(...) subshell: its children's times are the command's alone (a builtin
    # redirected, not piped, so that no other subshell reports its own)
    times >"$WORK/last.times"
    tail -1 "$WORK/last.times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); n += p[1] * 60 + p[2] } printf "%.2f", n }' >"$WORK/last.cpu"
    calc "($end - $start) / 1000000000"
}

# must CMD...: an untimed command; one that fails stops the bench with its error
must() {
    timed "$@" >/dev/null
}

calc() {
    awk "BEGIN { printf \"%.3f\", $1 }"
}

mibps() {
    calc "$SIZE_MB / $1"
}

# start_store NAME [-D key=value ...]: a store of 3 chunk servers (replication 3) in $WORK/NAME;
# sets MASTER to its URL, SECRET to its cluster secret (made on its first start) and SERVER_PID
# to its process once every chunk server has joined
start_store() {
    local name=$1 live=0 token
    shift
    # shellcheck disable=SC2046,SC2086
    java $(mr_server_java_opts) ${MR_JAVA_OPTS:-} -cp "$CP" dev.mr.dfs.http.DfsServerMain --dir "$WORK/$name" --chunk-servers 3 \
        --url-file "$WORK/$name.url" -D dfs.replication=3 -D dfs.scrub.interval.ms=0 "$@" >"$WORK/$name.log" 2>&1 &
    SERVER_PID=$!
    SERVER_PIDS+=("$SERVER_PID")
    for _ in $(seq 1 300); do
        [ -s "$WORK/$name.url" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$name.log" >&2; echo "bench-dfs: the store did not start" >&2; exit 1; }
        sleep 0.1
    done
    MASTER=$(cat "$WORK/$name.url")
    SECRET="$WORK/$name/secret"
    # shellcheck disable=SC2086
    token=$(java $CLI_OPTS -cp "$CP" dev.mr.security.cli.TokenMain --secret-file "$SECRET" --ttl 12h)
    for _ in $(seq 1 300); do
        live=$(curl -s -H "Authorization: Bearer $token" "$MASTER/dfs/v1/master/health" | jq '[.servers[] | select(.alive)] | length' 2>/dev/null || echo 0)
        [ "$live" = 3 ] && break
        sleep 0.1
    done
    [ "$live" = 3 ] || { echo "bench-dfs: only $live chunk servers joined" >&2; exit 1; }
}

if [ "$MODE" = fsync-cost ]; then
    echo "bench-dfs --fsync-cost: put of ${SIZE_MB} MiB, replication 3, to a store with dfs.chunk.fsync=true and one without, ${RUNS} rounds, in $WORK"
    start_store store-fsync -D dfs.chunk.fsync=true
    ON=$MASTER ON_SECRET=$SECRET
    start_store store-nofsync -D dfs.chunk.fsync=false
    OFF=$MASTER OFF_SECRET=$SECRET
    head -c "${SIZE_MB}M" /dev/urandom >"$WORK/src"
    for side in on off; do # warm both stores up, untimed
        if [ "$side" = on ]; then MASTER=$ON SECRET=$ON_SECRET; else MASTER=$OFF SECRET=$OFF_SECRET; fi
        if dfs put "$WORK/src" dfs:/warm >/dev/null 2>&1; then dfs rm dfs:/warm >/dev/null 2>&1 || true; fi
    done
    ons=() offs=()
    for i in $(seq 1 "$RUNS"); do
        mapfile -t order < <(bench_order "$i" on off)
        for side in "${order[@]}"; do
            if [ "$side" = on ]; then MASTER=$ON SECRET=$ON_SECRET; else MASTER=$OFF SECRET=$OFF_SECRET; fi
            sync
            t=$(timed dfs put "$WORK/src" "dfs:/bench/f$i")
            if [ "$side" = on ]; then ons+=("$t"); else offs+=("$t"); fi
            dfs rm "dfs:/bench/f$i" >/dev/null
        done
    done
    ON_S=$(bench_median "${ons[@]}")
    OFF_S=$(bench_median "${offs[@]}")
    echo "runs (s): fsync on ${ons[*]} | fsync off ${offs[*]}"
    printf 'put with dfs.chunk.fsync=true   median %6.2f s  %7.1f MiB/s\n' "$ON_S" "$(mibps "$ON_S")"
    printf 'put with dfs.chunk.fsync=false  median %6.2f s  %7.1f MiB/s\n' "$OFF_S" "$(mibps "$OFF_S")"
    printf 'ratio on/off %.2f; load %s\n' "$(calc "$ON_S / $OFF_S")" "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "bench-summary dfs-fsync size_mib=$SIZE_MB runs=$RUNS on_s=$ON_S off_s=$OFF_S ratio=$(calc "$ON_S / $OFF_S")"
    exit 0
fi

# ---- the put/get bench: dfs-lite, with HDFS as the anchor and cp as the disk's own speed ----

HADOOP=$MR_HOME/mr-hadoop/target
# MiniHdfsMain is a test class, and mr_build_if_needed looks at main sources alone
if [ ! -f "$HADOOP/test-classpath.txt" ] || [ ! -f "$HADOOP/test-classes/dev/mr/hadoop/MiniHdfsMain.class" ] \
    || [ -n "$(find "$MR_HOME/mr-hadoop/src/test/java/dev/mr/hadoop" -name 'MiniHdfs*.java' -newer "$HADOOP/test-classes/dev/mr/hadoop/MiniHdfsMain.class")" ]; then
    echo "building mr-hadoop's test classes (./mvnw package, tests skipped)..." >&2
    (cd "$MR_HOME" && ./mvnw -B -q -DskipTests -pl mr-hadoop -am package) >&2 || { echo "build failed" >&2; exit 1; }
fi
# Hadoop's shell: its shaded client and what that needs unshaded, and a configuration directory
# (FsShell refuses to start without a core-site.xml, which `hdfs dfs` finds in $HADOOP_CONF_DIR)
HADOOP_CP="$WORK/hadoop-conf:$(tr ':' '\n' <"$HADOOP/classpath.txt" \
    | grep -E '/(hadoop-client-api|hadoop-client-runtime|slf4j-api|commons-logging|jsr305|snappy-java)-[^/]*\.jar$' | paste -sd:)"
mkdir -p "$WORK/hadoop-conf"
echo '<configuration/>' >"$WORK/hadoop-conf/core-site.xml"
HDFS_OPTS="-Djava.net.preferIPv4Stack=true ${MR_BENCH_HDFS_JAVA_OPTS:-}"

# start_hdfs: dev.mr.hadoop.MiniHdfsMain in $WORK/hdfs; sets HDFS_URL and HDFS_PID once every
# DataNode has registered (it writes the NameNode's address then)
start_hdfs() {
    local uri="$WORK/hdfs/namenode.uri"
    # shellcheck disable=SC2046,SC2086
    java $(mr_server_java_opts) ${MR_JAVA_OPTS:-} -cp "$HADOOP/test-classes:$(cat "$HADOOP/test-classpath.txt")" \
        dev.mr.hadoop.MiniHdfsMain "$WORK/hdfs" >"$WORK/hdfs.log" 2>&1 &
    HDFS_PID=$!
    SERVER_PIDS+=("$HDFS_PID")
    for _ in $(seq 1 1200); do
        [ -s "$uri" ] && break
        kill -0 "$HDFS_PID" 2>/dev/null || { tail -n 30 "$WORK/hdfs.log" >&2; echo "bench-dfs: the HDFS minicluster did not start (its log above)" >&2; exit 1; }
        sleep 0.1
    done
    [ -s "$uri" ] || { echo "bench-dfs: the HDFS minicluster was not up after 2 minutes; its log: $WORK/hdfs.log" >&2; exit 1; }
    HDFS_URL=$(cat "$uri")
}

# Hadoop's shell against the minicluster, as `hdfs dfs` runs it: a fresh JVM per command
fsshell() {
    # shellcheck disable=SC2086
    java $HDFS_OPTS -cp "$HADOOP_CP" org.apache.hadoop.fs.FsShell -D fs.defaultFS="$HDFS_URL" "$@"
}

# the rate an mr-dfs command reported on its last progress line, in MiB/s
rate() {
    tail -1 "$WORK/last.err" | sed -nE 's/.*, ([0-9.]+) (KiB|MiB|GiB)\/s$/\1 \2/p' \
        | awk '{ v = $1; if ($2 == "KiB") v /= 1024; if ($2 == "GiB") v *= 1024; printf "%.1f", v }'
}

# step STORE OP FILE: one timed put of $WORK/src to STORE (dfs or hdfs) as FILE, or get of FILE
# into $WORK/got-STORE, after a sync (no dirty pages left by the step before); adds to the lists
# wall[STORE-OP] its seconds, cli[STORE-OP] the command's CPU seconds and srv[STORE-OP] the store's
step() {
    local store=$1 op=$2 file=$3 key="$1-$2" pid s0 t
    local cmd=(dfs "$op" "$WORK/src" "dfs:$file")
    [ "$op" = get ] && cmd=(dfs get "dfs:$file" "$WORK/got-dfs")
    pid=$SERVER_PID
    if [ "$store" = hdfs ]; then
        cmd=(fsshell -put "$WORK/src" "$file")
        [ "$op" = get ] && cmd=(fsshell -get "$file" "$WORK/got-hdfs")
        pid=$HDFS_PID
    fi
    sync
    s0=$(proc_cpu_ticks "$pid")
    t=$(timed "${cmd[@]}")
    wall[$key]+="$t " cli[$key]+="$(cat "$WORK/last.cpu") " srv[$key]+="$(calc "($(proc_cpu_ticks "$pid") - $s0) / $HZ") "
    if [ "$store" = dfs ]; then rates[$op]+="$(rate) "; fi
}

echo "bench-dfs: ${SIZE_MB} MiB, replication 3, ${RUNS} rounds, in $WORK; before: $(bench_load)"
start_store store
start_hdfs
echo "stores: dfs-lite $MASTER (pid $SERVER_PID), HDFS $HDFS_URL (pid $HDFS_PID)"

head -c "${SIZE_MB}M" /dev/urandom >"$WORK/src"
head -c 1M /dev/urandom >"$WORK/warm"
# shellcheck disable=SC2086
MR_SECRET_FILE="$SECRET" java $CLI_OPTS -XX:ArchiveClassesAtExit="$WORK/cli.jsa" -cp "$CP" dev.mr.dfs.cli.DfsCli --master "$MASTER" put "$WORK/warm" dfs:/warm >/dev/null 2>&1 \
    && CLI_OPTS="$CLI_OPTS -XX:SharedArchiveFile=$WORK/cli.jsa"
# warm both stores' JVMs up, as long-running daemons are: one untimed put and get of 128 MiB each
head -c 128M "$WORK/src" >"$WORK/warm"
dfs put "$WORK/warm" dfs:/warm-big >/dev/null 2>&1 && dfs get "dfs:/warm-big" "$WORK/warm-got" >/dev/null 2>&1
dfs rm dfs:/warm dfs:/warm-big >/dev/null 2>&1 || true
rm -f "$WORK/warm-got"
must fsshell -mkdir -p /bench /warm
must fsshell -put "$WORK/warm" /warm/big
must fsshell -get /warm/big "$WORK/warm-got"
must fsshell -rm -r -skipTrash /warm
rm -f "$WORK/warm" "$WORK/warm-got"
sync
JVM=$(timed dfs --version)
HDFS_JVM=$(timed fsshell -ls /)

declare -A wall cli srv rates
cps=() cp3s=()
for i in $(seq 1 "$RUNS"); do
    # each timed step starts with no dirty pages left by the one before
    sync
    cps+=("$(timed cp "$WORK/src" "$WORK/cp")")
    rm -f "$WORK/cp"
    mapfile -t order < <(bench_order "$i" dfs hdfs)
    for store in "${order[@]}"; do step "$store" put "/bench/f$i"; done
    for store in "${order[@]}"; do step "$store" get "/bench/f$i"; done
    if [ "$i" = 1 ]; then
        r=$(fsshell -stat %r /bench/f1 2>/dev/null) || true
        [ "$r" = 3 ] || { echo "bench-dfs: HDFS kept /bench/f1 at replication '$r', not 3" >&2; exit 1; }
        for store in dfs hdfs; do
            cmp -s "$WORK/src" "$WORK/got-$store" || { echo "bench-dfs: the file read back from $store differs from the one put" >&2; exit 1; }
        done
    fi
    rm -f "$WORK/got-dfs" "$WORK/got-hdfs"
    must dfs rm "dfs:/bench/f$i"
    must fsshell -rm -skipTrash "/bench/f$i"
    printf '  round %d (%s first): put dfs-lite %.2f s, HDFS %.2f s; get dfs-lite %.2f s, HDFS %.2f s; load %s\n' "$i" \
        "$([ "${order[0]}" = dfs ] && echo dfs-lite || echo HDFS)" \
        "$(echo "${wall[dfs-put]}" | awk '{ print $NF }')" "$(echo "${wall[hdfs-put]}" | awk '{ print $NF }')" \
        "$(echo "${wall[dfs-get]}" | awk '{ print $NF }')" "$(echo "${wall[hdfs-get]}" | awk '{ print $NF }')" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    # the disk's own ceiling for three replicas: three copies at once
    sync
    # shellcheck disable=SC2016
    cp3s+=("$(timed bash -c 'cp "$1" "$2/c1" & cp "$1" "$2/c2" & cp "$1" "$2/c3" & wait' _ "$WORK/src" "$WORK")")
    rm -f "$WORK/c1" "$WORK/c2" "$WORK/c3"
    sync
done

GIB=$(calc "$SIZE_MB / 1024")
declare -A med cpu_gib row
# shellcheck disable=SC2086
for key in dfs-put hdfs-put dfs-get hdfs-get; do
    med[$key]=$(calc "$(bench_median ${wall[$key]})")
    # CPU per GiB: the median over rounds of command + store, then of each part alone
    read -ra both < <(paste -d' ' <(printf '%s\n' ${cli[$key]}) <(printf '%s\n' ${srv[$key]}) | awk '{ print $1 + $2 }' | paste -sd' ')
    cpu_gib[$key]=$(calc "$(bench_median "${both[@]}") / $GIB")
    parts=$(printf '(%.2f + %.2f)' "$(calc "$(bench_median ${cli[$key]}) / $GIB")" "$(calc "$(bench_median ${srv[$key]}) / $GIB")")
    printf -v "row[$key]" '%-3s %-8s %8.2f %8.1f %9.2f  %-17s %s' "${key#*-}" "$([ "${key%-*}" = dfs ] && echo dfs-lite || echo HDFS)" \
        "${med[$key]}" "$(mibps "${med[$key]}")" "${cpu_gib[$key]}" "$parts" \
        "$(for t in ${wall[$key]}; do printf '%.2f ' "$t"; done)"
done
ratio() { calc "$1 / $2" | awk '{ printf "%.2f", $1 }'; }
PUT_T=$(ratio "${med[dfs-put]}" "${med[hdfs-put]}") PUT_C=$(ratio "${cpu_gib[dfs-put]}" "${cpu_gib[hdfs-put]}")
GET_T=$(ratio "${med[dfs-get]}" "${med[hdfs-get]}") GET_C=$(ratio "${cpu_gib[dfs-get]}" "${cpu_gib[hdfs-get]}")

echo
echo "against HDFS (hadoop 3.4.2 MiniDFSCluster, 3 DataNodes; FsShell -put/-get), medians of $RUNS round(s):"
printf '%-3s %-8s %8s %8s %9s  %-17s  %s\n' op store "median s" "MiB/s" "CPU s/GiB" "(command + store)" "runs (s)"
printf '%s\n' "${row[dfs-put]}" "${row[hdfs-put]}" "${row[dfs-get]}" "${row[hdfs-get]}"
# shellcheck disable=SC2086
for key in dfs-put hdfs-put dfs-get hdfs-get; do
    printf 'CPU runs (command+store s) %-8s %s\n' "$key" "$(paste -d+ <(printf '%s\n' ${cli[$key]}) <(printf '%.2f\n' ${srv[$key]}) | paste -sd' ')"
done
echo "dfs-lite / HDFS: put time $PUT_T, CPU $PUT_C; get time $GET_T, CPU $GET_C"
printf 'JVM start with a small command: mr-dfs --version %.2f s, FsShell -ls / %.2f s\n' "$JVM" "$HDFS_JVM"
echo "client JVM options: mr-dfs $CLI_OPTS ${MR_JAVA_OPTS:-}; FsShell $HDFS_OPTS"

CP_S=$(bench_median "${cps[@]}")
CP3_S=$(bench_median "${cp3s[@]}")
CP_T=$(mibps "$CP_S")
PUT_TARGET=$(calc "0.7 * $CP_T / 3")
GET_TARGET=$(calc "0.7 * $CP_T")
PUT_RATIO=$(calc "$(mibps "${med[dfs-put]}") / $PUT_TARGET")
GET_RATIO=$(calc "$(mibps "${med[dfs-get]}") / $GET_TARGET")
verdict() { if awk "BEGIN { exit !($1 >= 1) }"; then echo "meets target"; else echo "BELOW target"; fi; }
# shellcheck disable=SC2086
PUT_R=$(bench_median ${rates[put]})
# shellcheck disable=SC2086
GET_R=$(bench_median ${rates[get]})

echo
echo "against cp (issue 3's targets), medians of $RUNS round(s); runs (s): cp ${cps[*]} | 3 x cp at once ${cp3s[*]}"
printf 'cp   median %6.2f s  %7.1f MiB/s\n' "$CP_S" "$CP_T"
printf 'put  median %6.2f s  %7.1f MiB/s  target >= %.1f (0.7 x cp / 3)  ratio %.2f  %s\n' "${med[dfs-put]}" "$(mibps "${med[dfs-put]}")" "$PUT_TARGET" "$PUT_RATIO" "$(verdict "$PUT_RATIO")"
printf 'get  median %6.2f s  %7.1f MiB/s  target >= %.1f (0.7 x cp)      ratio %.2f  %s\n' "${med[dfs-get]}" "$(mibps "${med[dfs-get]}")" "$GET_TARGET" "$GET_RATIO" "$(verdict "$GET_RATIO")"
# (a file too small for a progress line leaves no rate)
if [ -n "$PUT_R" ] && [ -n "$GET_R" ]; then
    printf 'rates the commands report (open to close, no JVM start): put %.1f MiB/s (ratio %.2f)  get %.1f MiB/s (ratio %.2f)\n' \
        "$PUT_R" "$(calc "$PUT_R / $PUT_TARGET")" "$GET_R" "$(calc "$GET_R / $GET_TARGET")"
fi
printf 'reference: 3 x cp at once %.2f s (%.1f MiB/s per file: the disk ceiling for 3 replicas)\n' "$CP3_S" "$(mibps "$CP3_S")"
echo "after: $(bench_load)"
echo "bench-summary dfs size_mib=$SIZE_MB runs=$RUNS put_s=${med[dfs-put]} hdfs_put_s=${med[hdfs-put]} get_s=${med[dfs-get]} hdfs_get_s=${med[hdfs-get]}" \
    "put_cpu_s_per_gib=${cpu_gib[dfs-put]} hdfs_put_cpu_s_per_gib=${cpu_gib[hdfs-put]} get_cpu_s_per_gib=${cpu_gib[dfs-get]} hdfs_get_cpu_s_per_gib=${cpu_gib[hdfs-get]}" \
    "put_ratio=$PUT_T put_cpu_ratio=$PUT_C get_ratio=$GET_T get_cpu_ratio=$GET_C"
