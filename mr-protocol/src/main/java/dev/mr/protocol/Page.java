package dev.mr.protocol;

import java.util.List;

/** One page of a long list: {@code items} are entries {@code offset .. offset+items.size()-1} of {@code total}. */
public record Page<T>(List<T> items, int offset, int limit, long total) {}
