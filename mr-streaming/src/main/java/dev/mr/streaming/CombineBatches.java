package dev.mr.streaming;

import dev.mr.api.Context;
import dev.mr.api.serde.ByteBuilder;
import java.util.Arrays;

/**
 * A streaming combiner: collects a map's output lines up to a batch size, sorts them by key bytes
 * (stable, so a key's values keep their order: {@link KeyOrder}) and pipes each batch through one run of the combine
 * command, whose output lines go on to the shuffle. The command thus sees what a Hadoop Streaming
 * combiner sees, sorted key groups of map output, and runs once per batch.
 *
 * <p>Why not the framework's combiner slot: the shuffle calls a combiner once per key and expects
 * its output before the call returns, while a command's output for a key comes whenever the command
 * writes it. Confined to the task's thread.
 */
final class CombineBatches implements LineSink {

    private final String command;
    private final Context<?, ?> context;
    private final LineSink out;
    private final long batchBytes;
    private final ByteBuilder lines = new ByteBuilder(64 * 1024);
    private int[] starts = new int[1024];
    private int[] keyEnds = new int[1024];
    private int count;

    CombineBatches(String command, Context<?, ?> context, LineSink out, long batchBytes) {
        this.command = command;
        this.context = context;
        this.out = out;
        this.batchBytes = batchBytes;
    }

    @Override
    public void line(byte[] b, int off, int len) throws Exception {
        if (count + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            keyEnds = Arrays.copyOf(keyEnds, starts.length);
        }
        int start = lines.length();
        int tab = KeyValueWriter.tab(b, off, len);
        starts[count] = start;
        keyEnds[count++] = start + (tab < 0 ? len : tab - off);
        lines.write(b, off, len);
        starts[count] = lines.length();
        if (lines.length() >= batchBytes) flush();
    }

    /** Runs the combine command over the lines collected so far, if any. */
    void flush() throws Exception {
        if (count == 0) return;
        byte[] buf = lines.array();
        int[] order = KeyOrder.of(buf, starts, keyEnds, count);
        PipeTask pipe = PipeTask.start(command, context, out);
        for (int i : order) pipe.send(buf, starts[i], starts[i + 1] - starts[i]);
        pipe.finish();
        lines.reset();
        count = 0;
    }
}
