package dev.mr.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import dev.mr.api.io.TeraInputFormat;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Checks TeraSort's output as Hadoop's TeraValidate does: {@code TeraValidate IN OUT} reads
 * each file in one map, reports keys out of order inside a file and between consecutive files
 * (in name order), and writes {@code checksum<TAB>HEX}, the sum of the CRC32 of every record,
 * which equals the input's when no record was lost, duplicated or changed. Any {@code error}
 * line in the output is a problem found.
 */
public final class TeraValidate {

    private TeraValidate() {}

    public static final class ValidateMapper implements Mapper<byte[], byte[], String, String> {
        private final CRC32 crc = new CRC32();
        private BigInteger checksum = BigInteger.ZERO;
        private long partial;
        private byte[] first;
        private byte[] last;
        private String file;

        @Override
        public void setup(Context<String, String> context) {
            String path = context.task().inputPath();
            file = path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public void map(byte[] key, byte[] value, Context<String, String> context) {
            if (first == null) {
                first = key;
            } else if (Arrays.compareUnsigned(key, last) < 0) {
                context.write("error", "misorder in " + file + " between " + hex(last) + " and " + hex(key));
            }
            crc.reset();
            crc.update(key);
            crc.update(value);
            partial += crc.getValue();
            if (partial < 0) flush();
            last = key;
        }

        private void flush() {
            checksum = checksum.add(BigInteger.valueOf(partial >>> 1).shiftLeft(1).add(BigInteger.valueOf(partial & 1)));
            partial = 0;
        }

        @Override
        public void cleanup(Context<String, String> context) {
            if (first == null) return;
            flush();
            context.write(file + ":begin", hex(first));
            context.write(file + ":end", hex(last));
            context.write("checksum", checksum.toString(16));
        }
    }

    public static final class ValidateReducer implements Reducer<String, String, String, String> {
        private String lastFile;
        private String lastKey;

        @Override
        public void reduce(String key, Iterable<String> values, Context<String, String> context) {
            if (key.equals("error")) {
                for (String v : values) context.write(key, v);
            } else if (key.equals("checksum")) {
                BigInteger sum = BigInteger.ZERO;
                for (String v : values) sum = sum.add(new BigInteger(v, 16));
                context.write("checksum", sum.mod(BigInteger.ONE.shiftLeft(128)).toString(16));
            } else {
                String value = values.iterator().next();
                if (lastKey != null && value.compareTo(lastKey) < 0) {
                    context.write("error", "bad key partitioning: file " + lastFile + " key " + lastKey + " then file " + key + " key " + value);
                }
                lastFile = key;
                lastKey = value;
            }
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, TeraValidate.class, "IN", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        return Driver.job(opts, TeraValidate.class, "TeraValidate")
                // one map per whole file: the mapper reports each file's first and last key
                .set(ConfKeys.SPLIT_SIZE, Long.toString(Long.MAX_VALUE))
                .set(ConfKeys.PACK_SIZE, "0")
                .inputFormat(TeraInputFormat.class)
                .mapper(ValidateMapper.class)
                .reducer(ValidateReducer.class)
                .reducers(1)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
