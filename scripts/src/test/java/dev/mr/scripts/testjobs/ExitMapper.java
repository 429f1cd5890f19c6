package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** WordCount's mapper that ends its JVM with {@code System.exit(3)} on the record containing "exit": its executor dies, never its worker. */
public final class ExitMapper implements Mapper<Long, String, String, Integer> {
    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        if (line.contains("exit")) {
            System.err.println("ExitMapper: exiting with code 3 at offset " + offset);
            System.exit(3);
        }
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1);
    }
}
