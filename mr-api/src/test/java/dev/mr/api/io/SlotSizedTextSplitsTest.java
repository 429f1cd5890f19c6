package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits sized for the slots are cut anywhere, with no 10% tail joined to the one before: a
 * line crossing any of those cuts must still be read once, by the split where it starts, and
 * the slots must get a split each. Checked against a parse of the whole file for every slot
 * count up to more than there are lines.
 */
class SlotSizedTextSplitsTest {

    @TempDir
    Path dir;

    @Test
    void everyLineOnceAtEverySlotCount() throws Exception {
        Random r = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < 60; l++) text.append("line ").append(l).append(" ü€".repeat(r.nextInt(5))).append(r.nextBoolean() ? "\r\n" : "\n");
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        Path p = Files.write(dir.resolve("lines.txt"), data);
        List<TextSplitBoundaryTest.Line> expected = TextSplitBoundaryTest.parse(data);
        for (int slots = 1; slots <= 100; slots++) {
            Configuration conf = new Configuration().set(ConfKeys.INPUT_PATHS, p.toString()).setInt(ConfKeys.SLOTS, slots).setLong(ConfKeys.OPEN_COST_MB, 0);
            FormatContext ctx = FormatTestSupport.context(conf);
            // pieces of ⌈L/N⌉ bytes number N once L ≥ N·(N-1): below that, whole bytes cannot make N of them
            int splits = new TextInputFormat().splits(ctx).size();
            if ((long) slots * slots <= data.length) assertTrue(splits >= slots, splits + " splits for " + slots + " slots");
            var got = FormatTestSupport.readAll(new TextInputFormat(), ctx);
            assertEquals(expected, got.stream().map(x -> new TextSplitBoundaryTest.Line(x.key(), x.value())).toList(), slots + " slots");
            assertEquals(data.length, FormatTestSupport.lastBytesRead, "bytes read over all splits, " + slots + " slots");
        }
    }
}
