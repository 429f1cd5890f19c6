package dev.mr.jobs;

import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.io.KeyValueTextInputFormat;
import dev.mr.api.spi.ShippedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map-side inner join, Hadoop's distributed-cache join: {@code MapSideJoin -files SMALL#small
 * BIG OUT} joins each tab-separated record of BIG with the records of SMALL that have the same
 * first field. SMALL travels with the job and each map task reads it whole into memory from
 * {@code context.cacheFile("small")}, so BIG needs no shuffle and the job no reducers. Writes
 * {@code key<TAB>big<TAB>small} lines, as {@code Join BIG SMALL OUT} does (in another order).
 */
public final class MapSideJoin {

    private MapSideJoin() {}

    /** The alias the small table is shipped as. */
    static final String SMALL = "small";

    public static final class LookupMapper implements Mapper<String, String, String, String> {
        private final Map<String, List<String>> small = new HashMap<>();

        @Override
        public void setup(Context<String, String> context) throws Exception {
            for (String line : Files.readAllLines(context.cacheFile(SMALL), StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t'); // as KeyValueTextInputFormat splits the big side
                String key = tab < 0 ? line : line.substring(0, tab);
                small.computeIfAbsent(key, k -> new ArrayList<>()).add(tab < 0 ? "" : line.substring(tab + 1));
            }
        }

        @Override
        public void map(String key, String value, Context<String, String> context) {
            for (String s : small.getOrDefault(key, List.of())) context.write(key, value + "\t" + s);
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, MapSideJoin.class, "BIG", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        if (ShippedFiles.of(opts.conf()).stream().noneMatch(e -> e.alias().equals(SMALL) && e.kind() == ShippedFiles.Kind.FILE)) {
            throw new InvalidJobException("ship the small table with -files SMALL#" + SMALL);
        }
        return Driver.job(opts, MapSideJoin.class, "map-side join")
                .inputFormat(KeyValueTextInputFormat.class)
                .mapper(LookupMapper.class)
                .reducers(0)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
