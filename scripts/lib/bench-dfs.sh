#!/usr/bin/env bash
# bench-dfs.sh: `mr-dfs put` and `get` of one file (1 GiB by default) with replication 3 on this
# machine, against `cp` of the same file in the same run. Medians of 3 runs; throughput in MiB/s
# and ratios against the targets of issue 3:
#   put >= 0.7 x (cp throughput / 3)    (three replicas on one disk: a put writes 3x the bytes)
#   get >= 0.7 x cp throughput
# Command times include the JVM start of each mr-dfs command, as a user sees it; the rate the
# command itself reports (its progress line: bytes over the time from open to close) is printed
# beside it. The CLI runs with options for a short-lived JVM (C1 only, serial GC, a class-data
# archive made by a warm-up run); MR_JAVA_OPTS adds to them. On a shared machine wall times
# swing with the load, so the CPU seconds each step cost (the mr-dfs command's own, and the
# store's during it) are printed too: they change only when the code does. Everything lives in
# a temporary directory under /tmp, removed at the end.
#
# With --fsync-cost it measures what dfs.chunk.fsync costs instead: two stores side by side, one
# with the setting on and one with it off, and `mr-dfs put` of one file (256 MiB by default) to
# each in turn, RUNS rounds (the order alternating), then the medians and their ratio.
#
# Environment: MR_BENCH_DFS_MB (file size, default 1024; 256 with --fsync-cost), MR_BENCH_RUNS (default 3).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/mr-env.sh"

MODE=put-get
case "${1:-}" in
    --fsync-cost) MODE=fsync-cost ;;
    "") ;;
    *) echo "bench-dfs: unknown argument '$1' (want nothing or --fsync-cost)" >&2; exit 2 ;;
esac
SIZE_MB=${MR_BENCH_DFS_MB:-$([ "$MODE" = fsync-cost ] && echo 256 || echo 1024)}
RUNS=${MR_BENCH_RUNS:-3}

mr_build_if_needed
CP=$(mr_classpath mr-dfs-lite)
WORK=$(mktemp -d /tmp/mr-bench-dfs.XXXXXX)
SERVER_PIDS=()

cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

CLI_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# the CLI against the store at $MASTER, holding that store's cluster secret ($SECRET)
dfs() {
    MR_SECRET_FILE="$SECRET" java $CLI_OPTS ${MR_JAVA_OPTS:-} -cp "$CP" dev.mr.dfs.cli.DfsCli --master "$MASTER" "$@"
}

# seconds (with fractions) taken by a command; its standard error goes to $WORK/last.err, the
# CPU seconds it used (user + system) to $WORK/last.cpu
timed() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$WORK/last.err"
    end=$(date +%s%N)
    # runs in a $(...) subshell: its children's times are the command's alone (a builtin
    # redirected, not piped, so that no other subshell reports its own)
    times >"$WORK/last.times"
    tail -1 "$WORK/last.times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); n += p[1] * 60 + p[2] } printf "%.2f", n }' >"$WORK/last.cpu"
    calc "($end - $start) / 1000000000"
}

# CPU seconds the store's JVM has used so far
store_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"
}

calc() {
    awk "BEGIN { printf \"%.3f\", $1 }"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
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
    # shellcheck disable=SC2046
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
        dfs put "$WORK/src" dfs:/warm >/dev/null 2>&1 && dfs rm dfs:/warm >/dev/null 2>&1 || true
    done
    ons=() offs=()
    for i in $(seq 1 "$RUNS"); do
        order=("on" "off")
        [ $((i % 2)) = 0 ] && order=("off" "on")
        for side in "${order[@]}"; do
            if [ "$side" = on ]; then MASTER=$ON SECRET=$ON_SECRET; else MASTER=$OFF SECRET=$OFF_SECRET; fi
            sync
            t=$(timed dfs put "$WORK/src" "dfs:/bench/f$i")
            if [ "$side" = on ]; then ons+=("$t"); else offs+=("$t"); fi
            dfs rm "dfs:/bench/f$i" >/dev/null
        done
    done
    ON_S=$(median "${ons[@]}")
    OFF_S=$(median "${offs[@]}")
    echo "runs (s): fsync on ${ons[*]} | fsync off ${offs[*]}"
    printf 'put with dfs.chunk.fsync=true   median %6.2f s  %7.1f MiB/s\n' "$ON_S" "$(mibps "$ON_S")"
    printf 'put with dfs.chunk.fsync=false  median %6.2f s  %7.1f MiB/s\n' "$OFF_S" "$(mibps "$OFF_S")"
    printf 'ratio on/off %.2f; load %s\n' "$(calc "$ON_S / $OFF_S")" "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "bench-summary dfs-fsync size_mib=$SIZE_MB runs=$RUNS on_s=$ON_S off_s=$OFF_S ratio=$(calc "$ON_S / $OFF_S")"
    exit 0
fi

echo "bench-dfs: ${SIZE_MB} MiB, replication 3, ${RUNS} runs, in $WORK"
start_store store

# the rate an mr-dfs command reported on its last progress line, in MiB/s
rate() {
    tail -1 "$WORK/last.err" | sed -nE 's/.*, ([0-9.]+) (KiB|MiB|GiB)\/s$/\1 \2/p' \
        | awk '{ v = $1; if ($2 == "KiB") v /= 1024; if ($2 == "GiB") v *= 1024; printf "%.1f", v }'
}

head -c "${SIZE_MB}M" /dev/urandom >"$WORK/src"
head -c 1M /dev/urandom >"$WORK/warm"
MR_SECRET_FILE="$SECRET" java $CLI_OPTS -XX:ArchiveClassesAtExit="$WORK/cli.jsa" -cp "$CP" dev.mr.dfs.cli.DfsCli --master "$MASTER" put "$WORK/warm" dfs:/warm >/dev/null 2>&1 \
    && CLI_OPTS="$CLI_OPTS -XX:SharedArchiveFile=$WORK/cli.jsa"
# warm the store's JVM up, as a long-running daemon is: one untimed put and get of 128 MiB
head -c 128M "$WORK/src" >"$WORK/warm"
dfs put "$WORK/warm" dfs:/warm-big >/dev/null 2>&1 && dfs get "dfs:/warm-big" "$WORK/warm-got" >/dev/null 2>&1
dfs rm dfs:/warm dfs:/warm-big >/dev/null 2>&1 || true
rm -f "$WORK/warm" "$WORK/warm-got"
sync
JVM=$(timed dfs --version)

cps=() puts=() gets=() cp3s=() putr=() getr=() putc=() getc=() puts_c=() gets_c=()
for i in $(seq 1 "$RUNS"); do
    # each timed step starts with no dirty pages left by the one before
    sync
    cps+=("$(timed cp "$WORK/src" "$WORK/cp")")
    rm -f "$WORK/cp"
    sync
    s0=$(store_cpu)
    puts+=("$(timed dfs put "$WORK/src" "dfs:/bench/f$i")")
    puts_c+=("$(calc "$(store_cpu) - $s0")")
    putc+=("$(cat "$WORK/last.cpu")")
    putr+=("$(rate)")
    sync
    s0=$(store_cpu)
    gets+=("$(timed dfs get "dfs:/bench/f$i" "$WORK/got")")
    gets_c+=("$(calc "$(store_cpu) - $s0")")
    getc+=("$(cat "$WORK/last.cpu")")
    getr+=("$(rate)")
    if [ "$i" = 1 ]; then
        cmp -s "$WORK/src" "$WORK/got" || { echo "bench-dfs: the file read back differs from the one put" >&2; exit 1; }
    fi
    rm -f "$WORK/got"
    dfs rm "dfs:/bench/f$i" >/dev/null
    # the disk's own ceiling for three replicas: three copies at once
    sync
    cp3s+=("$(timed bash -c "cp '$WORK/src' '$WORK/c1' & cp '$WORK/src' '$WORK/c2' & cp '$WORK/src' '$WORK/c3' & wait")")
    rm -f "$WORK/c1" "$WORK/c2" "$WORK/c3"
    sync
done

CP_S=$(median "${cps[@]}")
PUT_S=$(median "${puts[@]}")
GET_S=$(median "${gets[@]}")
CP3_S=$(median "${cp3s[@]}")
CP_T=$(mibps "$CP_S")
PUT_T=$(mibps "$PUT_S")
GET_T=$(mibps "$GET_S")
PUT_TARGET=$(calc "0.7 * $CP_T / 3")
GET_TARGET=$(calc "0.7 * $CP_T")
PUT_RATIO=$(calc "$PUT_T / $PUT_TARGET")
GET_RATIO=$(calc "$GET_T / $GET_TARGET")
verdict() { if awk "BEGIN { exit !($1 >= 1) }"; then echo "meets target"; else echo "BELOW target"; fi; }

PUT_R=$(median "${putr[@]}")
GET_R=$(median "${getr[@]}")
echo "CLI JVM options: $CLI_OPTS ${MR_JAVA_OPTS:-}"
echo "runs (s): cp ${cps[*]} | put ${puts[*]} | get ${gets[*]} | 3 x cp at once ${cp3s[*]}"
printf 'cp   median %6.2f s  %7.1f MiB/s\n' "$CP_S" "$CP_T"
printf 'put  median %6.2f s  %7.1f MiB/s  target >= %.1f (0.7 x cp / 3)  ratio %.2f  %s\n' "$PUT_S" "$PUT_T" "$PUT_TARGET" "$PUT_RATIO" "$(verdict "$PUT_RATIO")"
printf 'get  median %6.2f s  %7.1f MiB/s  target >= %.1f (0.7 x cp)      ratio %.2f  %s\n' "$GET_S" "$GET_T" "$GET_TARGET" "$GET_RATIO" "$(verdict "$GET_RATIO")"
printf 'rates the commands report (open to close, no JVM start): put %.1f MiB/s (ratio %.2f)  get %.1f MiB/s (ratio %.2f)\n' \
    "$PUT_R" "$(calc "$PUT_R / $PUT_TARGET")" "$GET_R" "$(calc "$GET_R / $GET_TARGET")"
printf 'reference: 3 x cp at once %.2f s (%.1f MiB/s per file: the disk ceiling for 3 replicas); JVM start of one mr-dfs command %.2f s\n' \
    "$CP3_S" "$(mibps "$CP3_S")" "$JVM"
printf 'CPU seconds, medians (the command, then the store during it): put %.2f + %.2f  get %.2f + %.2f  (runs: put %s + %s | get %s + %s); load %s\n' \
    "$(median "${putc[@]}")" "$(median "${puts_c[@]}")" "$(median "${getc[@]}")" "$(median "${gets_c[@]}")" \
    "${putc[*]}" "${puts_c[*]}" "${getc[*]}" "${gets_c[*]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
