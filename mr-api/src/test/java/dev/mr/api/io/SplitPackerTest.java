package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which files share a map task decides how many tasks a job has and where they run, so the
 * packing must be exact at the target boundary, leave big files alone, keep the listing order
 * and choose the same hosts on every run.
 */
class SplitPackerTest {

    private static FileSplit file(String path, long length, String... hosts) {
        return new FileSplit(path, 0, length, List.of(hosts));
    }

    /** The packed splits as lists of file paths, one list per split. */
    private static List<List<String>> shape(List<InputSplit> splits) {
        List<List<String>> out = new ArrayList<>();
        for (InputSplit s : splits) {
            if (s instanceof MultiFileSplit m) out.add(m.files().stream().map(f -> f.path() + "@" + f.start()).toList());
            else {
                FileSplit f = (FileSplit) s;
                out.add(List.of(f.path() + "@" + f.start()));
            }
        }
        return out;
    }

    @Test
    void consecutiveSmallFilesAreGroupedGreedilyInListingOrder() {
        List<FileSplit> in = List.of(file("a", 30), file("b", 30), file("c", 30), file("d", 30), file("e", 30));
        List<InputSplit> out = new SplitPacker(100).pack(in);
        assertEquals(List.of(List.of("a@0", "b@0", "c@0"), List.of("d@0", "e@0")), shape(out));
        assertEquals(90, out.get(0).length());
        assertEquals(60, out.get(1).length());
        assertEquals("a", out.get(0).path(), "a packed split shows its first file's path");
    }

    @Test
    void aGroupMayReachTheTargetExactlyButNotPassIt() {
        List<FileSplit> in = List.of(file("a", 40), file("b", 60), file("c", 1), file("d", 99), file("e", 1));
        assertEquals(List.of(List.of("a@0", "b@0"), List.of("c@0", "d@0"), List.of("e@0")), shape(new SplitPacker(100).pack(in)));
    }

    @Test
    void aFileAtOrOverTheTargetIsNotSmallAndBreaksTheRun() {
        FileSplit big = file("big", 100);
        List<FileSplit> in = List.of(file("a", 10), file("b", 10), big, file("c", 10), file("d", 10));
        List<InputSplit> out = new SplitPacker(100).pack(in);
        assertEquals(List.of(List.of("a@0", "b@0"), List.of("big@0"), List.of("c@0", "d@0")), shape(out));
        assertSame(big, out.get(1));
    }

    @Test
    void theSplitsOfACutFileAreNeverPacked() {
        // "cut" is 150 bytes in splits of 50: each piece is under the target but none is a whole file
        List<FileSplit> in = List.of(file("a", 10),
                new FileSplit("cut", 0, 50, List.of()), new FileSplit("cut", 50, 50, List.of()), new FileSplit("cut", 100, 50, List.of()),
                file("b", 10), file("c", 10));
        assertEquals(List.of(List.of("a@0"), List.of("cut@0"), List.of("cut@50"), List.of("cut@100"), List.of("b@0", "c@0")),
                shape(new SplitPacker(100).pack(in)));
    }

    @Test
    void aGroupOfOneStaysAPlainFileSplit() {
        FileSplit a = file("a", 60);
        FileSplit b = file("b", 60);
        List<InputSplit> out = new SplitPacker(100).pack(List.of(a, b));
        assertEquals(List.of(a, b), out);
    }

    @Test
    void targetZeroTurnsPackingOff() {
        List<FileSplit> in = List.of(file("a", 1), file("b", 1), file("c", 0));
        assertEquals(in, new SplitPacker(0).pack(in));
        assertThrows(IllegalArgumentException.class, () -> new SplitPacker(-1));
    }

    @Test
    void emptyFilesArePackedWithTheirNeighbours() {
        List<FileSplit> in = List.of(file("a", 0), file("b", 0), file("c", 5));
        List<InputSplit> out = new SplitPacker(100).pack(in);
        assertEquals(List.of(List.of("a@0", "b@0", "c@0")), shape(out));
        assertEquals(5, out.get(0).length());
    }

    @Test
    void theSameFileListedTwiceIsTwoWholeFiles() {
        List<FileSplit> in = List.of(file("a", 10), file("a", 10));
        assertEquals(List.of(List.of("a@0", "a@0")), shape(new SplitPacker(100).pack(in)));
    }

    @Test
    void hostsAreThoseHoldingTheMostBytesTiesByName() {
        List<FileSplit> in = List.of(
                file("a", 10, "h3", "h1"),
                file("b", 30, "h2", "h4"),
                file("c", 20, "h3", "h4"));
        // bytes: h4=50, h2=30, h3=30, h1=10; keep as many as the best-replicated file has (2); h2 beats h3 by name
        MultiFileSplit packed = assertInstanceOf(MultiFileSplit.class, new SplitPacker(100).pack(in).get(0));
        assertEquals(List.of("h4", "h2"), packed.hosts());
        assertEquals(List.of("h4", "h2"), SplitPacker.hosts(List.of(in.get(2), in.get(1), in.get(0))), "independent of file order");
    }

    @Test
    void filesWithoutHostsGiveAPackedSplitWithoutHosts() {
        MultiFileSplit packed = assertInstanceOf(MultiFileSplit.class, new SplitPacker(100).pack(List.of(file("a", 1), file("b", 1))).get(0));
        assertEquals(List.of(), packed.hosts());
    }
}
