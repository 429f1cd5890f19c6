package dev.mr.protocol;

import java.util.List;

/** One worker's attempts: {@code lanes} stacked sub-rows so that no two bars of a lane overlap. */
public record TimelineRow(String worker, int lanes, List<TimelineBar> bars) {}
