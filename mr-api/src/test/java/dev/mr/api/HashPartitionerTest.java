package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every map task on every machine must send a key to the same reducer, so the default
 * partitioner must be a fixed function of the key's bytes: standard Murmur3 (checked against
 * published vectors), never Object.hashCode.
 */
class HashPartitionerTest {

    @Test
    void murmur3MatchesPublishedVectors() {
        assertEquals(0, HashPartitioner.murmur3(new byte[0], 0, 0));
        assertEquals(0x248bfa47, HashPartitioner.murmur3(bytes("hello"), 0, 5));
        assertEquals(0x2e4ff723, HashPartitioner.murmur3(bytes("The quick brown fox jumps over the lazy dog"), 0, 43));
    }

    @Test
    void objectAndRawPathsAgree() {
        HashPartitioner<Object, Object> p = new HashPartitioner<>();
        for (String word : new String[] {"a", "hello", "wörld", ""}) {
            byte[] b = bytes(word);
            int raw = p.partition(b, 0, b.length, 7);
            assertEquals(raw, p.partition(word, 1, 7));
            assertTrue(raw >= 0 && raw < 7);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
