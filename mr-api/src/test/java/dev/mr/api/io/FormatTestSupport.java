package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.serde.Serdes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads all records of all splits of an input the way map tasks would. */
final class FormatTestSupport {

    private FormatTestSupport() {}

    static FormatContext context(Configuration conf) {
        return new FormatContext(conf, new FileSystems(conf), new Serdes(FormatTestSupport.class.getClassLoader(), List.of()));
    }

    static Configuration conf(String input, long splitSize) {
        return new Configuration().set(ConfKeys.INPUT_PATHS, input).setLong(ConfKeys.SPLIT_SIZE, splitSize);
    }

    record Rec<K, V>(K key, V value, String path) {}

    static <K, V> List<Rec<K, V>> readAll(InputFormat<K, V> format, FormatContext ctx) throws IOException {
        List<Rec<K, V>> out = new ArrayList<>();
        long bytes = 0;
        for (InputSplit split : format.splits(ctx)) {
            try (RecordReader<K, V> r = format.reader(split, ctx)) {
                while (r.next()) out.add(new Rec<>(r.key(), r.value(), split.path()));
                bytes += r.bytesRead();
            }
        }
        lastBytesRead = bytes;
        return out;
    }

    static long lastBytesRead;
}
