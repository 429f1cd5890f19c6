package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.fs.FsPath;
import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;

/**
 * Binary records with their types, for chaining jobs: the next job reads them back with
 * {@link RecordFileInputFormat} as the same Java types, without parsing text. Key and value
 * types are the job's output types ({@code mr.output.key.class}, {@code mr.output.value.class},
 * inferred from the reducer when not set). See {@link RecordFile} for the layout.
 */
public class RecordFileOutputFormat<K, V> implements OutputFormat<K, V> {

    @Override
    public RecordWriter<K, V> writer(FsPath file, FormatContext context) throws IOException {
        String keyClass = context.conf().require(ConfKeys.OUTPUT_KEY);
        String valueClass = context.conf().require(ConfKeys.OUTPUT_VALUE);
        Serde<K> keySerde;
        Serde<V> valueSerde;
        try {
            keySerde = serde(context, keyClass);
            valueSerde = serde(context, valueClass);
        } catch (ClassNotFoundException e) {
            throw new IOException("output type not found: " + e.getMessage(), e);
        }
        OutputStream out = FileOutputs.create(file, context);
        byte[] sync = new byte[RecordFile.SYNC_LENGTH];
        new SecureRandom().nextBytes(sync);
        ByteBuilder header = new ByteBuilder();
        header.write(RecordFile.MAGIC);
        header.write(RecordFile.VERSION);
        byte[] k = keyClass.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] v = valueClass.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        header.writeVarInt(k.length);
        header.write(k);
        header.writeVarInt(v.length);
        header.write(v);
        header.write(sync);
        out.write(header.array(), 0, header.length());
        long headerLength = header.length();
        return new RecordWriter<>() {
            private final ByteBuilder key = new ByteBuilder();
            private final ByteBuilder value = new ByteBuilder();
            private final ByteBuilder frame = new ByteBuilder(16);
            private long written = headerLength;
            private long sinceSync;

            @Override
            public void write(K k, V v) throws IOException {
                if (sinceSync >= RecordFile.SYNC_INTERVAL) {
                    out.write(RecordFile.ESCAPE);
                    out.write(sync);
                    written += RecordFile.ESCAPE.length + sync.length;
                    sinceSync = 0;
                }
                key.reset();
                value.reset();
                keySerde.write(k, key);
                valueSerde.write(v, value);
                frame.reset();
                frame.writeVarInt(key.length());
                frame.writeVarInt(value.length());
                out.write(frame.array(), 0, frame.length());
                out.write(key.array(), 0, key.length());
                out.write(value.array(), 0, value.length());
                long n = frame.length() + key.length() + value.length();
                written += n;
                sinceSync += n;
            }

            @Override
            public long bytesWritten() {
                return written;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> serde(FormatContext context, String className) throws ClassNotFoundException {
        return (Serde<T>) context.serdes().forClass(context.serdes().loadClass(className));
    }
}
