package dev.mr.dfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lease policy: a writer's open files are abandoned once it shows no sign of life for the expiry. */
class LeasesTest {

    static List<Leases.OpenFile<String>> open(String... fileAndWriter) {
        List<Leases.OpenFile<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < fileAndWriter.length; i += 2) out.add(new Leases.OpenFile<>(fileAndWriter[i], fileAndWriter[i + 1]));
        return out;
    }

    @Test
    void aLeaseHoldsUntilItsExpiryAndNotAtIt() {
        Leases leases = new Leases(1000);
        leases.grant("w1", 0);
        assertEquals(List.of(), leases.expired(open("/a", "w1"), 999));
        assertEquals(List.of("/a"), leases.expired(open("/a", "w1"), 1000));
    }

    @Test
    void renewingPushesTheExpiryOnAndCreatesNoLease() {
        Leases leases = new Leases(1000);
        leases.grant("w1", 0);
        leases.renew("w1", 800);
        assertEquals(List.of(), leases.expired(open("/a", "w1"), 1700));
        leases.renew("stranger", 800); // a client that never created a file gets no lease by renewing
        assertEquals(List.of("/b"), leases.expired(open("/a", "w1", "/b", "stranger"), 1700));
    }

    @Test
    void onlyTheSilentWritersFilesExpireAllOfThem() {
        Leases leases = new Leases(1000);
        leases.grant("quiet", 0);
        leases.grant("busy", 0);
        leases.renew("busy", 900);
        assertEquals(List.of("/q1", "/q2"), leases.expired(open("/q1", "quiet", "/b", "busy", "/q2", "quiet"), 1500));
    }

    @Test
    void aWriterWithNoOpenFileLosesItsLease() {
        Leases leases = new Leases(1000);
        leases.grant("w1", 0);
        assertEquals(List.of(), leases.expired(open(), 10)); // w1 closed its file
        leases.renew("w1", 20); // so renewing gives nothing back
        assertEquals(List.of("/late"), leases.expired(open("/late", "w1"), 30));
    }

    @Test
    void aFileWhoseWriterNeverHeldALeaseExpiresAtOnce() {
        assertEquals(List.of("/orphan"), new Leases(1000).expired(open("/orphan", "nobody"), 0));
    }

    @Test
    void theExpiryMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Leases(0));
    }
}
