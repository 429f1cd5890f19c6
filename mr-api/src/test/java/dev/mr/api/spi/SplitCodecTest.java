package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.io.FileSplit;
import dev.mr.api.io.InputSplit;
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
}
