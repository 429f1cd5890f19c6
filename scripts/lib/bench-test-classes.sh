# shellcheck shell=bash
# Sourced by the benchmarks that run a class of a module's test sources (bench-scheduler,
# bench-journal, bench-history, bench-restart), from the repository's top.

# bench_test_cp MODULE CLASS: prints the class path of MODULE's compiled tests and their
# dependencies; first builds MODULE (tests compiled, not run) when CLASS, a class of its tests
# such as dev.mr.master.RestartBench, is missing or older than any main source, MODULE's test
# sources or a pom.
bench_test_cp() {
    local module=$1 class=$2
    local built="$module/target/test-classes/${class//.//}.class"
    if [ ! -f "$built" ] || [ ! -f "$module/target/classpath.txt" ] \
        || [ -n "$(find mr-*/src/main "$module/src" pom.xml mr-*/pom.xml -newer "$built" -print -quit)" ]; then
        echo "building $module (tests compiled, not run)..." >&2
        ./mvnw -B -q -pl "$module" -am -DskipTests package >&2
    fi
    echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/classpath.txt")"
}
