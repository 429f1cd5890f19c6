package dev.mr.worker.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.spi.TaskId;
import org.junit.jupiter.api.Test;

/**
 * The shuffle URL is the only input a stranger controls on a worker; only well-formed ids in
 * their canonical form may pass, so no request string ever becomes part of a file path.
 */
class ShuffleRequestTest {

    @Test
    void parsesCanonicalIds() {
        ShuffleRequest r = ShuffleRequest.parse("job_0001_m_000003_1", "7");
        assertEquals(TaskId.map("job_0001", 3).attempt(1), r.mapAttempt());
        assertEquals(7, r.partition());
    }

    @Test
    void refusesAnythingElse() {
        String[][] bad = {
            {"../../etc/passwd", "0"}, {"..%2F..%2Fetc", "0"}, {"job_0001_m_000003_1/..", "0"}, {"/job_0001_m_000003_1", "0"},
            {"job_0001_r_000003_1", "0"}, {"job_0001_m_3_1", "0"}, {"job_..x_m_000003_1", "0"}, {"", "0"}, {null, "0"},
            {"job_0001_m_000003_1", "-1"}, {"job_0001_m_000003_1", "x"}, {"job_0001_m_000003_1", "1e3"},
            {"job_0001_m_000003_1", "99999999999"}, {"job_0001_m_000003_1", ""}, {"job\u0000_m_000003_1", "0"},
        };
        for (String[] b : bad) {
            assertThrows(IllegalArgumentException.class, () -> ShuffleRequest.parse(b[0], b[1]), b[0] + " / " + b[1]);
        }
    }

    @Test
    void crcTravelsAsEightHexDigits() {
        assertEquals("0000000a", ShuffleProtocol.formatCrc(10));
        assertEquals("ffffffff", ShuffleProtocol.formatCrc(-1));
        assertEquals(-1, ShuffleProtocol.parseCrc("FFFFFFFF"));
        assertEquals(0x0a1b2c3d, ShuffleProtocol.parseCrc("0a1b2c3d"));
        assertThrows(IllegalArgumentException.class, () -> ShuffleProtocol.parseCrc("+1234567"));
        assertThrows(IllegalArgumentException.class, () -> ShuffleProtocol.parseCrc("123"));
    }
}
