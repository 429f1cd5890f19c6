package dev.mr.dfs.chunkserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunk.ChunkChecksum;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunkmap.Replica;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk server writes an upload as the network delivered it: gathered pieces of any size,
 * some of them slices of larger buffers. The replica on disk and its checksums must be exactly
 * those of the bytes sent, whatever the pieces' boundaries, and a replica may not grow past
 * the largest chunk.
 */
class ChunkReceiverTest {

    @TempDir
    Path dir;

    @Test
    void gatheredPiecesMakeTheSameReplicaAsOneWrite() throws Exception {
        ChunkStore store = new ChunkStore(dir, true);
        store.open();
        byte[] bytes = new byte[5 * 65_536 + 4_321];
        new Random(42).nextBytes(bytes);
        ChunkReceiver r = new ChunkReceiver(store, new ChunkId(1), 1 << 20);
        Random cut = new Random(7);
        int off = 0;
        while (off < bytes.length) {
            List<ByteBuffer> pieces = new ArrayList<>();
            for (int i = 0; i < 1 + cut.nextInt(5) && off < bytes.length; i++) {
                int n = Math.min(bytes.length - off, 1 + cut.nextInt(90_000));
                // a slice in the middle of a larger array, as a network buffer may be
                byte[] backing = new byte[n + 20];
                System.arraycopy(bytes, off, backing, 10, n);
                pieces.add(ByteBuffer.wrap(backing, 10, n).slice());
                off += n;
            }
            r.write(pieces.toArray(new ByteBuffer[0]));
        }
        Replica replica = r.finish();
        ChunkChecksum expected = new ChunkChecksum();
        expected.update(bytes, 0, bytes.length);
        ChunkCrcs crcs = expected.finish();
        assertEquals(crcs.length(), replica.length());
        assertEquals(crcs.digest(), replica.digest());
        assertArrayEquals(bytes, Files.readAllBytes(store.dataFile(new ChunkId(1))));
        assertEquals(crcs.digest(), store.readCrcs(new ChunkId(1)).digest());
    }

    @Test
    void aReplicaMayNotGrowPastTheLargestChunk() throws Exception {
        ChunkStore store = new ChunkStore(dir, false);
        store.open();
        ChunkReceiver r = new ChunkReceiver(store, new ChunkId(2), 100_000);
        r.write(new ByteBuffer[] {ByteBuffer.allocate(60_000)});
        StoreException e = assertThrows(StoreException.class,
                () -> r.write(new ByteBuffer[] {ByteBuffer.allocate(30_000), ByteBuffer.allocate(10_001)}));
        assertTrue(e.getMessage().contains("at most 100000 bytes"), e.getMessage());
        r.abort();
        assertEquals(null, store.get(new ChunkId(2)));
    }
}
