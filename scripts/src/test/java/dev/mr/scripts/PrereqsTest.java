package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two commands start on a bare machine by installing what they need
 * (scripts/lib/prereqs.sh), and on one where they cannot (not root, no network, no apt-get) they
 * must stop with one line naming what is missing and the exact command that installs it, never
 * a screen of apt-get errors or a half-installed machine (issue 18). Each test runs the
 * installer's {@code mr_prereqs} in bash with a PATH of stubs only: {@code id} says who we are,
 * {@code apt-get} records its calls and fails or "installs" by copying stubs in; no network.
 */
class PrereqsTest {

    static final Path LIB = Cluster.HOME.resolve("scripts/lib/prereqs.sh");
    static final String JAVA_17 = "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n";

    @TempDir
    Path tmp;
    Path bin;
    Path calls;

    @BeforeEach
    void stubs() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        calls = tmp.resolve("apt-get.calls");
        for (String tool : List.of("mktemp", "sed", "rm")) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
    }

    @Test
    void aUserWhoIsNotRootGetsOneLineNamingWhatIsMissingAndTheCommandThatInstallsIt() throws Exception {
        stub("id", "echo 1000");
        stub("curl", "exit 0");
        stub("apt-get", record() + "exit 0");

        Result r = run("mr-demo", "demo");

        assertEquals(1, r.exit, r::toString);
        assertEquals("mr-demo: missing java 17, jq; run: sudo apt-get update && sudo apt-get install -y"
                + " openjdk-17-jdk-headless jq\n", r.err, r::toString);
        assertEquals("", r.out, "the command must not go on: " + r);
        assertFalse(Files.exists(calls), "apt-get needs root: it must not be tried");
    }

    @Test
    void rootWithoutNetworkGetsTheSameOneLineAndAptGetsOutputIsKeptNotShown() throws Exception {
        stub("id", "echo 0");
        stub("apt-get", record() + "echo 'W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease'\n"
                + "echo 'E: Unable to locate package jq' >&2\nexit 100");

        Result r = run("mr-test", "demo", "tests", "browser");

        assertEquals(1, r.exit, r::toString);
        Path log = onlyFile(tmp.resolve("t"));
        String packages = "openjdk-17-jdk-headless curl jq openssl python3 gzip bzip2 zstd lz4 shellcheck procps"
                + " chromium chromium-driver";
        assertEquals("mr-test: missing java 17, curl, jq, openssl, python3, gzip, bzip2, zstd, lz4, shellcheck, ps,"
                + " chromium, chromedriver; installing " + packages + " with apt-get... failed (no network or package"
                + " index? its output: " + log + "); once it can, run: apt-get update && apt-get install -y " + packages
                + "\n", r.err, r::toString);
        assertEquals("", r.out, r::toString);
        assertTrue(Files.readString(log).contains("E: Unable to locate package jq"), "apt-get's own words stay in " + log);
        assertEquals(List.of("update -q"), Files.readAllLines(calls), "nothing installed after a failed update");
    }

    @Test
    void rootInstallsEverythingMissingInOneAptGetInstallAndGoesOn() throws Exception {
        stub("id", "echo 0");
        stub("jq", "exit 0");
        Path installed = Files.createDirectories(tmp.resolve("installed"));
        write(installed.resolve("java"), JAVA_17);
        write(installed.resolve("javac"), JAVA_17);
        write(installed.resolve("curl"), "#!/bin/sh\nexit 0\n");
        stub("apt-get", record() + "[ \"$1\" != install ] || /bin/cp -p '" + installed + "'/* '" + bin + "'/");

        Result r = run("mr-demo", "demo");

        assertEquals(0, r.exit, r::toString);
        assertEquals("mr-demo: missing java 17, curl; installing openjdk-17-jdk-headless curl with apt-get... done\n",
                r.err, r::toString);
        assertEquals("went on\n", r.out, r::toString);
        assertEquals(List.of("update -q", "install -y -q openjdk-17-jdk-headless curl"), Files.readAllLines(calls));
        try (Stream<Path> left = Files.list(tmp.resolve("t"))) {
            assertEquals(List.of(), left.toList(), "the log of an install that worked is removed");
        }
    }

    @Test
    void aJavaOlderThan17OrWithoutJavacIsMissingAndAPresentOneIsNot() throws Exception {
        stub("id", "echo 1000");
        stub("curl", "exit 0");
        stub("jq", "exit 0");
        write(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        write(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        stub("apt-get", "exit 0");
        assertEquals("mr-demo: missing java 17; run: sudo apt-get update && sudo apt-get install -y"
                + " openjdk-17-jdk-headless\n", run("mr-demo", "demo").err);

        write(bin.resolve("java"), JAVA_17);
        Files.delete(bin.resolve("javac"));
        assertEquals(1, run("mr-demo", "demo").exit, "a JRE without javac cannot build");

        write(bin.resolve("javac"), JAVA_17);
        Result r = run("mr-demo", "demo");
        assertEquals(0, r.exit, r::toString);
        assertEquals("", r.err, r::toString);
        assertEquals("went on\n", r.out, r::toString);
    }

    @Test
    void withoutAptGetTheLineNamesThePackages() throws Exception {
        stub("id", "echo 0");
        stub("curl", "exit 0");

        Result r = run("mr-demo", "demo");

        assertEquals(1, r.exit, r::toString);
        assertEquals("mr-demo: missing java 17, jq; install with this system's package manager (Debian's names:"
                + " openjdk-17-jdk-headless jq)\n", r.err, r::toString);
    }

    record Result(int exit, String out, String err) {}

    /** Runs {@code mr_prereqs GROUPS} as the script NAME would, with only the stubs on the PATH. */
    private Result run(String name, String... groups) throws Exception {
        Path t = Files.createDirectories(tmp.resolve("t"));
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        List<String> command = new ArrayList<>(List.of(which("bash").toString(), "-c",
                "set -euo pipefail; source \"$1\"; shift; mr_prereqs \"$@\"; echo went on", name, LIB.toString()));
        command.addAll(List.of(groups));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("TMPDIR", t.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "mr_prereqs did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A line for a stub that appends its arguments to {@link #calls}. */
    private String record() {
        return "printf '%s\\n' \"$*\" >> '" + calls + "'\n";
    }

    private void stub(String tool, String body) throws IOException {
        write(bin.resolve(tool), "#!/bin/sh\n" + body + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files::toString);
            return files.get(0);
        }
    }

    private static Path which(String tool) {
        return Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError(tool + " is not in /usr/bin or /bin"));
    }
}
