package dev.mr.api.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which files share a map task. Ten thousand small files would otherwise be ten
 * thousand map tasks, each paying a task's start-up for a few bytes of work (Hadoop's
 * "small files problem"). A file is small when it is one whole-file split shorter than the
 * target; runs of consecutive small files are grouped greedily, a group closing when the next
 * file would take it over the target. Only neighbours are grouped, so the split order stays the
 * listing order and the result depends on nothing but the input. A group of one stays a plain
 * {@link FileSplit}; files cut into several splits are never touched. A file weighs its length
 * plus an open cost (Spark's {@code openCostInBytes}), so that a split of thousands of empty
 * files is not one map's work. Last, while there are fewer splits than the floor, the heaviest
 * packed split is halved (by weight, keeping the order), so that packing never takes away the
 * parallelism the slots ask for. Pure and stateless.
 */
final class SplitPacker {

    private final long target;
    private final long openCost;
    private final int floor;

    /** @param target the largest packed split in bytes; 0 turns packing off */
    SplitPacker(long target) {
        this(target, 0, 0);
    }

    /**
     * @param target   the largest weight of a packed split; 0 turns packing off
     * @param openCost what each file weighs on top of its length
     * @param floor    the fewest splits to leave (no more than the files); 0: no floor
     */
    SplitPacker(long target, long openCost, int floor) {
        if (target < 0) throw new IllegalArgumentException("negative pack target " + target);
        if (openCost < 0 || floor < 0) throw new IllegalArgumentException("negative open cost " + openCost + " or floor " + floor);
        this.target = target;
        this.openCost = openCost;
        this.floor = floor;
    }

    /** Packs {@code splits}, the per-file splits in listing order (a file's splits adjacent and in order). */
    List<InputSplit> pack(List<FileSplit> splits) {
        List<InputSplit> out = new ArrayList<>(splits.size());
        List<FileSplit> group = new ArrayList<>();
        long groupBytes = 0;
        for (int i = 0; i < splits.size(); i++) {
            FileSplit s = splits.get(i);
            long weight = weight(s);
            if (target == 0 || !wholeFile(splits, i) || weight >= target) {
                close(group, out);
                groupBytes = 0;
                out.add(s);
                continue;
            }
            if (!group.isEmpty() && groupBytes + weight > target) {
                close(group, out);
                groupBytes = 0;
            }
            group.add(s);
            groupBytes += weight;
        }
        close(group, out);
        while (out.size() < floor && halveHeaviest(out)) {
            // each pass adds one split; the floor is at most the files, so this ends
        }
        return out;
    }

    private long weight(FileSplit s) {
        return s.length() + openCost;
    }

    private long weight(MultiFileSplit m) {
        long w = 0;
        for (FileSplit f : m.files()) w += weight(f);
        return w;
    }

    /** Replaces the heaviest packed split (the first of equals) by its two halves; false when none is left. */
    private boolean halveHeaviest(List<InputSplit> out) {
        int heaviest = -1;
        long most = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof MultiFileSplit m && weight(m) > most) {
                heaviest = i;
                most = weight(m);
            }
        }
        if (heaviest < 0) return false;
        List<FileSplit> files = ((MultiFileSplit) out.get(heaviest)).files();
        int cut = 1;
        long front = weight(files.get(0));
        while (cut < files.size() - 1 && 2 * (front + weight(files.get(cut))) <= most) front += weight(files.get(cut++));
        List<InputSplit> halves = new ArrayList<>(2);
        close(new ArrayList<>(files.subList(0, cut)), halves);
        close(new ArrayList<>(files.subList(cut, files.size())), halves);
        out.remove(heaviest);
        out.addAll(heaviest, halves);
        return true;
    }

    /** True when split {@code i} is its file's only split: it starts at 0 and the next split does not continue it. */
    private static boolean wholeFile(List<FileSplit> splits, int i) {
        FileSplit s = splits.get(i);
        if (s.start() != 0) return false;
        if (i + 1 == splits.size()) return true;
        FileSplit next = splits.get(i + 1);
        return !(next.path().equals(s.path()) && next.start() == s.end() && next.start() > 0);
    }

    private static void close(List<FileSplit> group, List<InputSplit> out) {
        if (group.size() == 1) out.add(group.get(0));
        else if (group.size() > 1) out.add(new MultiFileSplit(group, hosts(group)));
        group.clear();
    }

    /**
     * The hosts holding the most of the group's bytes, as many as the best-replicated file has
     * (listing every host that holds any file would make every worker look data-local).
     * Ties go to the smaller host name so that the choice is deterministic.
     */
    static List<String> hosts(List<FileSplit> files) {
        Map<String, Long> bytes = new TreeMap<>();
        int keep = 0;
        for (FileSplit f : files) {
            keep = Math.max(keep, f.hosts().size());
            for (String h : f.hosts()) bytes.merge(h, f.length(), Long::sum);
        }
        return bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(keep)
                .map(Map.Entry::getKey)
                .toList();
    }
}
