package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.io.FileSplit;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.MultiFileSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splits computed by the master must arrive at the worker unchanged, including a job's own split types. */
class SplitCodecTest {

    public record RowRange(long first, long rows) implements InputSplit {
        @Override
        public long length() {
            return rows;
        }
    }

    @Test
    void roundTripsFileSplitsAndUserSplits() {
        ClassLoader loader = getClass().getClassLoader();
        FileSplit f = new FileSplit("dfs:/in/a.txt", 64, 1000, List.of("h1:7071", "h2:7071"));
        assertEquals(f, SplitCodec.decode(SplitCodec.encode(f, loader), loader));
        RowRange r = new RowRange(5, 10);
        assertEquals(r, SplitCodec.decode(SplitCodec.encode(r, loader), loader));
    }

    @Test
    void roundTripsPackedSplits() {
        ClassLoader loader = getClass().getClassLoader();
        MultiFileSplit m = new MultiFileSplit(List.of(new FileSplit("dfs:/in/a.txt", 0, 10, List.of("h1:7071")),
                new FileSplit("dfs:/in/b.txt", 0, 0, List.of())), List.of("h1:7071"));
        InputSplit back = SplitCodec.decode(SplitCodec.encode(m, loader), loader);
        assertEquals(m, back);
        assertEquals(10, back.length());
        assertEquals("dfs:/in/a.txt", back.path());
    }
}
