package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A map-side join: each line (a key) becomes (key, its value in the table shipped with {@code -files table.tsv#lookup}). */
public final class LookupMapper implements Mapper<Long, String, String, String> {

    private final Map<String, String> table = new HashMap<>();

    @Override
    public void setup(Context<String, String> context) throws Exception {
        for (String line : Files.readAllLines(context.cacheFile("lookup"), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            table.put(line.substring(0, tab), line.substring(tab + 1));
        }
    }

    @Override
    public void map(Long offset, String line, Context<String, String> context) {
        context.write(line, table.getOrDefault(line, "?"));
    }
}
