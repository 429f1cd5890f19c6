package dev.mr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate is the one decision every request passes; these tests prove, without a network,
 * that each way of forging, stealing or stretching a credential is refused with a status and
 * a message that says which, and that the genuine ones pass.
 */
class GateTest {

    static final long NOW = 1_800_000_000_000L;
    static final AccessRules RULES = AccessRules.of(
            AccessRule.of("GET", "/api/v1/health", Access.OPEN),
            AccessRule.of("POST", "/api/v1/heartbeat", Access.CLUSTER),
            AccessRule.of("GET", "/dfs/v1/chunks/([^/]+)", Access.CHUNK_READ),
            AccessRule.of("GET", "/shuffle/v1/(job_[0-9]+)_[mr]_[0-9]+_[0-9]+/[0-9]+", Access.SHUFFLE),
            AccessRule.of("GET,POST", "/api/v1/.*", Access.USER));

    @TempDir
    Path dir;

    ClusterKeys keys(String name) throws IOException {
        return new ClusterKeys(ClusterSecret.loadOrCreate(dir.resolve(name)));
    }

    static Presented signed(ClusterKeys k, String method, String path, long ts) {
        return new Presented(method, path, path, k.sign(method, path, "ops", RequestSignature.UNSIGNED_BODY, ts), null, null, null, false);
    }

    static Presented bearer(String method, String path, String token) {
        return new Presented(method, path, path, "Bearer " + token, null, null, null, false);
    }

    @Test
    void aRequestSignedWithTheSecretPassesOnceAndItsReplayIsRefused() throws IOException {
        ClusterKeys k = keys("s");
        Gate gate = new Gate(k, RULES, Gate.DEFAULT_WINDOW_MS);
        Presented p = signed(k, "POST", "/api/v1/heartbeat", NOW);
        Principal who = gate.admit(p, NOW + 10);
        assertEquals(new Principal("ops", Principal.Role.CLUSTER), who);
        Denied replay = assertThrows(Denied.class, () -> gate.admit(p, NOW + 20));
        assertEquals(401, replay.status());
        assertTrue(replay.getMessage().contains("replay"), replay.getMessage());
    }

    @Test
    void aWrongSecretATamperedPathAndAnOldSignatureAreRefused() throws IOException {
        ClusterKeys mine = keys("mine"), theirs = keys("theirs");
        Gate gate = new Gate(mine, RULES, Gate.DEFAULT_WINDOW_MS);
        Denied wrong = assertThrows(Denied.class, () -> gate.admit(signed(theirs, "POST", "/api/v1/heartbeat", NOW), NOW));
        assertTrue(wrong.getMessage().contains(ClusterSecret.ENV), wrong.getMessage());
        Presented p = signed(mine, "GET", "/api/v1/jobs", NOW);
        Presented moved = new Presented("POST", "/api/v1/jobs/job_0001/kill", "/api/v1/jobs/job_0001/kill", p.authorization(), null, null, null, false);
        assertEquals(401, assertThrows(Denied.class, () -> gate.admit(moved, NOW)).status());
        Denied old = assertThrows(Denied.class, () -> gate.admit(signed(mine, "GET", "/api/v1/jobs", NOW - 6 * 60_000), NOW));
        assertTrue(old.getMessage().contains("window"), old.getMessage());
    }

    @Test
    void userTokensPassUserRoutesUntilTheyExpireButNotDaemonRoutes() throws IOException {
        ClusterKeys k = keys("s");
        Gate gate = new Gate(k, RULES, Gate.DEFAULT_WINDOW_MS);
        String token = k.mint(new UserToken("alice", false, NOW + 1000));
        assertEquals(new Principal("alice", Principal.Role.USER), gate.admit(bearer("GET", "/api/v1/jobs", token), NOW));
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(bearer("POST", "/api/v1/heartbeat", token), NOW)).status());
        String admin = k.mint(new UserToken("ops", true, NOW + 1000));
        assertEquals(Principal.Role.ADMIN, gate.admit(bearer("POST", "/api/v1/heartbeat", admin), NOW).role(), "the operator's admin token");
        Denied expired = assertThrows(Denied.class, () -> gate.admit(bearer("GET", "/api/v1/jobs", token), NOW + 2000));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertEquals(401, assertThrows(Denied.class, () -> gate.admit(bearer("GET", "/api/v1/jobs", tampered), NOW)).status());
        String foreign = keys("other").mint(new UserToken("alice", true, NOW + 1000));
        assertEquals(401, assertThrows(Denied.class, () -> gate.admit(bearer("GET", "/api/v1/jobs", foreign), NOW)).status());
    }

    @Test
    void theSessionCookieNeedsTheCsrfHeaderToChangeAnything() throws IOException {
        ClusterKeys k = keys("s");
        Gate gate = new Gate(k, RULES, Gate.DEFAULT_WINDOW_MS);
        String token = k.mint(new UserToken("alice", false, NOW + 1000));
        Presented read = new Presented("GET", "/api/v1/jobs", "/api/v1/jobs", null, null, token, null, false);
        assertEquals("alice", gate.admit(read, NOW).name());
        Presented crossSite = new Presented("POST", "/api/v1/jobs/job_0001/kill", "/x", null, null, token, null, false);
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(crossSite, NOW)).status());
        Presented fromPage = new Presented("POST", "/api/v1/jobs/job_0001/kill", "/x", null, null, token, null, true);
        assertEquals("alice", gate.admit(fromPage, NOW).name());
    }

    @Test
    void aCapabilityOpensOnlyTheChunkOrJobItNames() throws IOException {
        ClusterKeys k = keys("s");
        Gate gate = new Gate(k, RULES, Gate.DEFAULT_WINDOW_MS);
        String chunkA = k.mint(new Capability(Capability.Kind.CHUNK_READ, "c_1", NOW + 1000));
        assertEquals(Principal.Role.CAPABILITY, gate.admit(cap("/dfs/v1/chunks/c_1", chunkA), NOW).role());
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(cap("/dfs/v1/chunks/c_2", chunkA), NOW)).status());
        String jobA = k.mint(new Capability(Capability.Kind.SHUFFLE, "job_0001", NOW + 1000));
        gate.admit(cap("/shuffle/v1/job_0001_m_000003_0/2", jobA), NOW);
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(cap("/shuffle/v1/job_0002_m_000003_0/2", jobA), NOW)).status());
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(cap("/dfs/v1/chunks/job_0001", jobA), NOW)).status());
        String user = k.mint(new UserToken("alice", true, NOW + 1000));
        assertEquals(403, assertThrows(Denied.class, () -> gate.admit(bearer("GET", "/dfs/v1/chunks/c_1", user), NOW)).status());
        assertEquals(401, assertThrows(Denied.class, () -> gate.admit(cap("/dfs/v1/chunks/c_1", null), NOW)).status());
    }

    @Test
    void openRoutesNeedNothingAndUnknownRoutesNeedAUser() throws IOException {
        Gate gate = new Gate(keys("s"), RULES, Gate.DEFAULT_WINDOW_MS);
        assertEquals(Principal.ANONYMOUS, gate.admit(new Presented("GET", "/api/v1/health", "/api/v1/health", null, null, null, null, false), NOW));
        Denied none = assertThrows(Denied.class, () -> gate.admit(new Presented("GET", "/nowhere", "/nowhere", null, null, null, null, false), NOW));
        assertEquals(401, none.status());
        assertTrue(none.getMessage().contains("mr-token") && none.getMessage().contains(ClusterSecret.ENV), none.getMessage());
    }

    @Test
    void aSecretFileOthersMayReadIsRefusedAndAMissingOneIsNamed() throws IOException {
        Path f = dir.resolve("loose");
        ClusterSecret.loadOrCreate(f);
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CredentialsException loose = assertThrows(CredentialsException.class, () -> ClusterSecret.load(f));
        assertTrue(loose.getMessage().contains("chmod 600"), loose.getMessage());
        CredentialsException missing = assertThrows(CredentialsException.class, () -> ClusterSecret.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("--secret-file") && missing.getMessage().contains(ClusterSecret.ENV), missing.getMessage());
        ClusterSecret.loadOrCreate(dir.resolve("made"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("made"))));
    }

    static Presented cap(String path, String capability) {
        return new Presented("GET", path, path, null, null, null, capability, false);
    }
}
