package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A map-side join for jars that tests build on the fly: an order line {@code customerId<TAB>amount}
 * becomes (the customer's name, amount), the names read in {@code setup} from the lookup table
 * shipped with {@code -files customers.tsv#customers} ({@code id<TAB>name} lines).
 */
public class JoinMapper implements Mapper<Long, String, String, Long> {

    private final Map<String, String> names = new HashMap<>();

    @Override
    public void setup(Context<String, Long> context) throws Exception {
        for (String line : Files.readAllLines(context.cacheFile("customers"), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) names.put(line.substring(0, tab), line.substring(tab + 1));
        }
    }

    @Override
    public void map(Long offset, String line, Context<String, Long> context) {
        int tab = line.indexOf('\t');
        String name = names.getOrDefault(line.substring(0, tab), "unknown customer " + line.substring(0, tab));
        context.write(name, Long.parseLong(line.substring(tab + 1)));
    }
}
