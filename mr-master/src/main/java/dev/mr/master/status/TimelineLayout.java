package dev.mr.master.status;

import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.scheduler.TaskSummary.AttemptSpan;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.TimelineBar;
import dev.mr.protocol.TimelineRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays a job's attempts out in time for the job page's timeline: one row per worker (by worker
 * id), one bar per attempt, placed in milliseconds from the job's start. Attempts that overlap on
 * one worker (it has several slots, or a killed attempt's end overlaps the next) go into lanes:
 * each bar takes the lowest lane whose previous bar ended by its start, so a row has as many
 * lanes as the most attempts it ran at once. A running attempt reaches to the timeline's end.
 *
 * <p>Beyond {@code maxBars} attempts only a selection is drawn, so that the page stays fast for
 * 100,000 tasks: failed, killed, backup and running attempts first (the ones worth seeing), then
 * the longest; ties by attempt id. Stateless.
 */
public final class TimelineLayout {

    private TimelineLayout() {}

    /** An attempt and its task, as the layout handles it. */
    private record Item(String attemptId, boolean map, AttemptSpan span, long start, long end, int priority, int order) {
        long length() {
            return end - start;
        }
    }

    /**
     * @param start   the job's submit time: bars are placed from here
     * @param end     the job's finish time, or now while it runs: running attempts end here
     * @param maxBars the most bars to draw (at least 1)
     */
    public static Timeline layout(String jobId, List<TaskSummary> tasks, long start, long end, int maxBars) {
        if (maxBars < 1) throw new IllegalArgumentException("limit=" + maxBars + " must be 1 or more");
        end = Math.max(start, end);
        List<Item> items = new ArrayList<>();
        int order = 0;
        for (TaskSummary t : tasks) {
            for (AttemptSpan a : t.attempts()) {
                long s = clamp(a.startTime(), start, end);
                long e = a.finishTime() < 0 ? end : clamp(a.finishTime(), s, end);
                items.add(new Item(t.taskId().attempt(a.number()).toString(), t.taskId().map(), a, s, e, priority(a), order++));
            }
        }
        int total = items.size();
        List<Item> shown = items;
        if (total > maxBars) {
            List<Item> ranked = new ArrayList<>(items);
            ranked.sort(Comparator.comparingInt(Item::priority).thenComparing(Comparator.comparingLong(Item::length).reversed())
                    .thenComparingInt(Item::order));
            shown = new ArrayList<>(ranked.subList(0, maxBars));
        }
        Map<String, List<Item>> byWorker = new TreeMap<>();
        for (Item i : shown) byWorker.computeIfAbsent(i.span().workerId(), w -> new ArrayList<>()).add(i);
        List<TimelineRow> rows = new ArrayList<>(byWorker.size());
        for (Map.Entry<String, List<Item>> e : byWorker.entrySet()) rows.add(row(e.getKey(), e.getValue(), start));
        return new Timeline(jobId, start, end, total, shown.size(), rows);
    }

    /** Greedy interval partitioning: by start, each bar in the lowest lane free by then. */
    private static TimelineRow row(String worker, List<Item> items, long origin) {
        items.sort(Comparator.comparingLong(Item::start).thenComparingLong(Item::end).thenComparingInt(Item::order));
        List<Long> laneEnds = new ArrayList<>();
        List<TimelineBar> bars = new ArrayList<>(items.size());
        for (Item i : items) {
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > i.start()) lane++;
            if (lane == laneEnds.size()) laneEnds.add(i.end());
            else laneEnds.set(lane, i.end());
            bars.add(new TimelineBar(i.attemptId(), i.map() ? "map" : "reduce", i.span().state().name(), i.span().backup(), lane,
                    i.start() - origin, i.length()));
        }
        return new TimelineRow(worker, Math.max(1, laneEnds.size()), bars);
    }

    /** 0 for what a reader looks for first (failures, kills, backups, running), 1 for plain successes. */
    private static int priority(AttemptSpan a) {
        boolean plain = (a.state() == AttemptState.SUCCEEDED || a.state() == AttemptState.COMMITTING) && !a.backup();
        return plain ? 1 : 0;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
