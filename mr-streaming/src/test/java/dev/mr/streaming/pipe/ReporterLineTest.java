package dev.mr.streaming.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Hadoop Streaming's stderr protocol, line by line: what a script writes there must count as it does in Hadoop. */
class ReporterLineTest {

    @Test
    void counterAndStatusLinesAreRecognized() {
        assertEquals(new ReporterLine.Counter("Words", "Long ones", 12), ReporterLine.parse("reporter:counter:Words,Long ones,12"));
        assertEquals(new ReporterLine.Counter("G", "C", -3), ReporterLine.parse("reporter:counter: G , C , -3"));
        assertEquals(new ReporterLine.Status("50% done: a,b"), ReporterLine.parse("reporter:status:50% done: a,b"));
    }

    @Test
    void otherLinesAreLogLines() {
        assertNull(ReporterLine.parse("Traceback (most recent call last):"));
        assertNull(ReporterLine.parse(" reporter:counter:G,C,1"));
    }

    @Test
    void malformedReporterLinesSayWhatIsWrong() {
        assertEquals(new ReporterLine.Malformed("reporter:counter:G,C", "a counter line has GROUP,COUNTER,AMOUNT: three fields separated by commas"),
                ReporterLine.parse("reporter:counter:G,C"));
        assertEquals(new ReporterLine.Malformed("reporter:counter:G,C,many", "the amount many is not a whole number"),
                ReporterLine.parse("reporter:counter:G,C,many"));
        assertEquals("expected reporter:counter:GROUP,COUNTER,AMOUNT or reporter:status:MESSAGE",
                ((ReporterLine.Malformed) ReporterLine.parse("reporter:progress:1")).reason());
    }
}
