# shellcheck shell=bash
# Sourced by the scripts in scripts/: finds the checkout, builds it when sources changed,
# and starts a module's main class on its runtime classpath. Sets no shell options: every script
# that sources it runs under set -euo pipefail, and so must its functions.

MR_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MR_VERSION=0.1.0-SNAPSHOT

# Builds (without tests) when a module jar is missing or older than any source or pom.
mr_build_if_needed() {
    local stamp="$MR_HOME/mr-worker/target/classpath.txt"
    if [ -f "$stamp" ] && [ -f "$MR_HOME/jobs/target/jobs-$MR_VERSION.jar" ] \
        && [ -f "$MR_HOME/mr-streaming/target/mr-streaming-$MR_VERSION.jar" ] \
        && [ -f "$MR_HOME/mr-hadoop/target/mr-hadoop-$MR_VERSION.jar" ] && [ -f "$MR_HOME/mr-hadoop/target/classpath.txt" ] \
        && [ -z "$(find "$MR_HOME" -path "$MR_HOME/.git" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$stamp" -print -quit)" ]; then
        return 0
    fi
    echo "building mr (./mvnw package, tests skipped)..." >&2
    (cd "$MR_HOME" && ./mvnw -B -q -DskipTests package) >&2 || { echo "build failed" >&2; exit 1; }
    touch "$stamp"  # maven leaves an unchanged classpath file alone; the stamp must still move forward
}

# Called by the scripts whose JVMs may meet hdfs:// and s3a:// paths (the daemons, whose executors
# inherit their class path, mr-submit, mr-streaming, mr-dfs cp): mr_classpath then adds mr-hadoop.
# The others (mr-dfs put/get/ls, mr-token, mr-dfs serve, the benchmarks' dfs-lite runs) go
# without, as they never meet such a path (about 0.04 s of a client's start). MR_NO_HADOOP=1
# leaves it off everywhere (an hdfs: path then fails naming the missing module).
mr_hadoop=""
mr_use_hadoop() {
    [ -n "${MR_NO_HADOOP:-}" ] || mr_hadoop=1
}

# With mr-hadoop, the JVM property that keeps Hadoop's "Unable to load native-hadoop library" off
# every client's terminal (the pure-Java code paths it falls back to are what mr uses anyway).
mr_hadoop_java_opts() {
    [ -z "$mr_hadoop" ] || echo "-Dorg.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader=error"
}

# The classpath of MODULE: its jar and its runtime dependencies, then, after mr_use_hadoop,
# mr-hadoop's (found through ServiceLoader; nothing in MODULE imports it), each jar once: where
# both name a library, MODULE's comes first.
mr_classpath() {
    local module=$1
    local cp
    cp="$MR_HOME/$module/target/$module-$MR_VERSION.jar:$(cat "$MR_HOME/$module/target/classpath.txt")"
    if [ -n "$mr_hadoop" ]; then
        cp="$cp:$MR_HOME/mr-hadoop/target/mr-hadoop-$MR_VERSION.jar:$(cat "$MR_HOME/mr-hadoop/target/classpath.txt")"
    fi
    # each entry once, in first-seen order
    printf '%s' "$cp" | awk -v RS=: -v ORS= '!seen[$0]++ { printf "%s%s", sep, $0; sep = ":" }'
}

# JVM options for the processes that run tasks and hold data (daemons, local jobs): the Java
# heap in transparent huge pages when the kernel offers them (enabled = always or madvise; the
# JVM then asks for them for its heap alone). Map tasks look keys up in tables of megabytes at
# random, and with 4 KiB pages most of those lookups also miss the TLB: WordCount over 1 GiB
# took 4-8% less time and CPU with huge pages (A/B, 9 rounds, 7 won). MR_JAVA_OPTS comes after,
# so -XX:-UseTransparentHugePages there turns it off.
mr_server_java_opts() {
    local thp=/sys/kernel/mm/transparent_hugepage/enabled
    if [ -r "$thp" ] && grep -qE '\[(always|madvise)\]' "$thp"; then
        echo "-XX:+UseTransparentHugePages"
    fi
}

# mr_need_jq WHO: the scripts read the daemons' JSON with jq; without it, one line saying so and
# how to install it, and exit 1
mr_need_jq() {
    command -v jq >/dev/null || { echo "$1: needs jq to read the master's JSON, and it is not installed: sudo apt-get install -y jq" >&2; exit 1; }
}

# mr_exec MODULE MAIN_CLASS ARGS...: replaces this shell with the JVM, so signals reach it.
mr_exec() {
    MR_JAVA_OPTS="$(mr_server_java_opts) ${MR_JAVA_OPTS:-}" mr_exec_java "$@"
}

# mr_exec_java MODULE MAIN_CLASS ARGS...: like mr_exec, with MR_JAVA_OPTS alone (for clients).
mr_exec_java() {
    local module=$1 main=$2
    shift 2
    mr_build_if_needed
    # shellcheck disable=SC2086,SC2046 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose; mr_hadoop_java_opts prints one option or none
    exec java ${MR_JAVA_OPTS:-} $(mr_hadoop_java_opts) -cp "$(mr_classpath "$module")" "$main" "$@"
}

# mr_exec_client MODULE MAIN_CLASS ARCHIVE ARGS...: like mr_exec, for a client that lives for
# seconds (mr-dfs, mr-submit following a cluster job): unless MR_JAVA_OPTS says otherwise, C1
# only and the serial GC (C2 compiling costs more CPU than it saves in a client), and a
# class-data archive of its classes (MODULE/target/ARCHIVE.jsa), written by the first run after
# a build and used by the runs after it: it halves the JVM's start.
mr_exec_client() {
    local module=$1 main=$2 jsa="$MR_HOME/$1/target/$3${mr_hadoop:+-hadoop}.jsa" rc
    shift 3
    if [ -n "${MR_JAVA_OPTS:-}" ]; then
        mr_exec_java "$module" "$main" "$@"
    fi
    mr_build_if_needed
    MR_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    # an archive is used only with the class path it was written with, jar for jar (the JVM
    # checks each jar's size and time, and quietly ignores a stale archive): newer than them all
    if [ -f "$jsa" ] && [ "$jsa" -nt "$MR_HOME/$module/target/$module-$MR_VERSION.jar" ] \
        && [ "$jsa" -nt "$MR_HOME/$module/target/classpath.txt" ] \
        && { [ -z "$mr_hadoop" ] || { [ "$jsa" -nt "$MR_HOME/mr-hadoop/target/mr-hadoop-$MR_VERSION.jar" ] \
            && [ "$jsa" -nt "$MR_HOME/mr-hadoop/target/classpath.txt" ]; }; }; then
        # the archive's path is its own word: MR_JAVA_OPTS is split on spaces, and a checkout path may hold one
        # shellcheck disable=SC2086,SC2046 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose; mr_hadoop_java_opts prints one option or none
        exec java $MR_JAVA_OPTS $(mr_hadoop_java_opts) "-XX:SharedArchiveFile=$jsa" -Xlog:cds=off -cp "$(mr_classpath "$module")" "$main" "$@"
    elif [ -w "$(dirname "$jsa")" ]; then
        # this run writes the archive under a name of its own, then moves it in place whole (also
        # when the command fails: the archive is the class list's, not the command's)
        rc=0
        # shellcheck disable=SC2086,SC2046 # MR_JAVA_OPTS is a list of JVM options, split on spaces on purpose; mr_hadoop_java_opts prints one option or none
        java $MR_JAVA_OPTS $(mr_hadoop_java_opts) -XX:ArchiveClassesAtExit="$jsa.$$" -Xlog:cds=off,cds+dynamic=off -cp "$(mr_classpath "$module")" "$main" "$@" || rc=$?
        if [ -s "$jsa.$$" ]; then mv -f "$jsa.$$" "$jsa"; else rm -f "$jsa.$$"; fi
        exit $rc
    fi
    export MR_JAVA_OPTS
    mr_exec_java "$module" "$main" "$@"
}
