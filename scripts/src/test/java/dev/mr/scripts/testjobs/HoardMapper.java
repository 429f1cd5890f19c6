package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.util.ArrayList;
import java.util.List;

/** Keeps every MiB it allocates, without bound, on its first record: its executor runs out of heap, never its worker. */
public final class HoardMapper implements Mapper<Long, String, String, Integer> {
    private final List<byte[]> hoard = new ArrayList<>();

    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        while (true) {
            byte[] b = new byte[1 << 20];
            b[b.length - 1] = 1;
            hoard.add(b);
        }
    }
}
