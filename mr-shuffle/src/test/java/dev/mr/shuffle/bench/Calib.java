package dev.mr.shuffle.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

public final class Calib {
    public static void main(String[] args) {
        ZipfWords words = new ZipfWords(200_000, 1.0, 16_000_000, 2, 42);
        var mx = ManagementFactory.getThreadMXBean();
        int n = 5_000_000;
        for (int rep = 0; rep < 5; rep++) {
            long c0 = mx.getCurrentThreadCpuTime();
            int cap = 1 << 20;
            int[] keyOff = new int[cap]; int[] keyLen = new int[cap]; int[] count = new int[cap]; boolean[] used = new boolean[cap];
            byte[] store = new byte[64 << 20]; int storeUsed = 0;
            int from = (rep * 7919) % words.stream.length;
            for (int i = 0; i < n; i++) {
                int id = words.stream[(from + i) % words.stream.length];
                int off = words.offsets[id], len = words.offsets[id + 1] - off;
                int h = 0; for (int j = 0; j < len; j++) h = h * 31 + words.bytes[off + j];
                h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13;
                int s = h & (cap - 1);
                while (true) {
                    if (!used[s]) { used[s] = true; keyOff[s] = storeUsed; keyLen[s] = len; System.arraycopy(words.bytes, off, store, storeUsed, len); storeUsed += len; count[s] = 1; break; }
                    if (keyLen[s] == len && Arrays.equals(store, keyOff[s], keyOff[s] + len, words.bytes, off, off + len)) { count[s]++; break; }
                    s = (s + 1) & (cap - 1);
                }
            }
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf("hand-written count: %.0f ns/rec%n", (c1 - c0) / (double) n);
        }
    }
}
