package dev.mr.streaming;

import dev.mr.api.Context;
import dev.mr.api.Text;

/**
 * Writes each line to the task's context as Hadoop Streaming reads a command's output: the key is
 * the bytes before the first tab, the value those after it; a line without a tab is all key, with
 * an empty value. Bytes stay bytes: nothing is decoded, so any encoding passes through.
 */
final class KeyValueWriter implements LineSink {

    private final Context<Text, Text> context;
    private final Text key = new Text();
    private final Text value = new Text();

    KeyValueWriter(Context<Text, Text> context) {
        this.context = context;
    }

    @Override
    public void line(byte[] b, int off, int len) {
        int tab = tab(b, off, len);
        if (tab < 0) {
            key.set(b, off, len);
            value.set(b, off, 0);
        } else {
            key.set(b, off, tab - off);
            value.set(b, tab + 1, off + len - tab - 1);
        }
        context.write(key, value);
    }

    /** The index of the first tab in {@code b[off, off+len)}, or -1. */
    static int tab(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] == '\t') return i;
        }
        return -1;
    }
}
