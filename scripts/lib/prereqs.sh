# shellcheck shell=bash
# Sourced by the README's two commands, scripts/mr-demo and scripts/mr-test: makes sure the
# tools a command needs are on this machine before it starts. As root, whatever is missing comes
# from the system's packages in ONE `apt-get install` (apt fetches every package before it
# unpacks any, so a lost network leaves nothing half-installed for the next run to trip over).
# Otherwise (not root, apt-get failed, no apt-get at all) it prints one line naming what is
# missing and the command that installs it, and returns 1. Maven is not among them: ./mvnw
# fetches the pinned Maven from Maven Central with java and curl.

# mr_prereqs_of GROUP: what GROUP needs, as "tool:Debian package" words.
mr_prereqs_of() {
    case $1 in
        # java: a JDK 17 or newer (javac too) builds mr and runs every daemon; curl: ./mvnw
        # downloads Maven with it, and mr-demo asks the master whether it is up; jq: mr-cluster
        # reads the master's JSON
        demo) echo java:openjdk-17-jdk-headless curl:curl jq:jq ;;
        # mr-master's browser test drives the web page in headless Chromium (it fails, rather
        # than skips, without them, unless -Dmr.browser.skip=true)
        browser) echo chromium:chromium chromedriver:chromium-driver ;;
        # openssl: the TLS tests make their test CA and certificates with the README's openssl
        # recipe; python3: the streaming tests run mappers and reducers written in Python; gzip,
        # bzip2, zstd, lz4: the compression tests read the framework's output with the system's
        # tools; the shellcheck tool: ShellcheckTest keeps scripts/ and .ci/run clean (it fails,
        # rather than skips, without it); ps (and kill): the process-level tests find and signal
        # the daemons they start
        tests) echo openssl:openssl python3:python3 gzip:gzip bzip2:bzip2 zstd:zstd lz4:lz4 shellcheck:shellcheck ps:procps ;;
        *) echo "mr_prereqs_of: no group $1" >&2; return 2 ;;
    esac
}

# mr_has TOOL: whether TOOL is on the PATH; for java, a JDK of version 17 or newer.
mr_has() {
    if [ "$1" = java ]; then
        command -v javac >/dev/null 2>&1 && [ "$(mr_java_major)" -ge 17 ]
    else
        command -v "$1" >/dev/null 2>&1
    fi
}

# The major version of the java on the PATH (8 for 1.8.0_392, 17 for 17.0.15), 0 if none answers.
mr_java_major() {
    local v
    v=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') || true
    v=${v#1.}
    v=${v%%[!0-9]*}
    echo "${v:-0}"
}

# mr_prereqs GROUP...: installs, or names in one line on stderr, what the groups need and this
# machine lacks; returns 1 when something still is missing. The line starts with the calling
# script's name.
mr_prereqs() {
    local me=${0##*/} group words pair tool pairs=() missing=() packages=() log
    for group in "$@"; do
        words=$(mr_prereqs_of "$group") || return 2
        read -r -a words <<<"$words"
        pairs+=("${words[@]}")
    done
    for pair in "${pairs[@]}"; do
        tool=${pair%%:*}
        if ! mr_has "$tool"; then
            if [ "$tool" = java ]; then missing+=("java 17"); else missing+=("$tool"); fi
            packages+=("${pair#*:}")
        fi
    done
    [ ${#missing[@]} -gt 0 ] || return 0

    local what list="${packages[*]}"
    what=$(printf '%s, ' "${missing[@]}")
    what=${what%, }
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$me: missing $what; install with this system's package manager (Debian's names: $list)" >&2
        return 1
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "$me: missing $what; run: sudo apt-get update && sudo apt-get install -y $list" >&2
        return 1
    fi
    # one line either way: its start while apt-get works, its end when it is done
    log=$(mktemp "${TMPDIR:-/tmp}/mr-apt.XXXXXX")
    printf '%s' "$me: missing $what; installing $list with apt-get..." >&2
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"; } >"$log" 2>&1 </dev/null; then
        echo " failed (no network or package index? its output: $log); once it can, run: apt-get update && apt-get install -y $list" >&2
        return 1
    fi
    echo " done" >&2
    for pair in "${pairs[@]}"; do
        if ! mr_has "${pair%%:*}"; then
            echo "$me: still missing ${pair%%:*} after apt-get installed $list (its output: $log): is another one first on the PATH?" >&2
            return 1
        fi
    done
    rm -f "$log"
}
