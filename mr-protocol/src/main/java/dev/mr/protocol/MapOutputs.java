package dev.mr.protocol;

import java.util.List;

/** For a running reduce attempt: the map output entries it has not received yet, in order. */
public record MapOutputs(String reduceAttempt, List<MapOutputEntry> entries) {}
