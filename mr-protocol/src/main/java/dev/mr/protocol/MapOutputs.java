package dev.mr.protocol;

import java.util.List;

/**
 * For a running reduce attempt: the map output entries it has not received yet, in order, and
 * the capability to fetch its job's map outputs from the workers' shuffle servers (null on an
 * insecure cluster).
 */
public record MapOutputs(String reduceAttempt, List<MapOutputEntry> entries, String token) {}
