package dev.mr.master.status;

import dev.mr.protocol.Page;
import java.util.List;

/** One page of a list: entries {@code offset .. offset+limit-1}. Stateless. */
public final class Paging {

    /** The most items one page holds. */
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    /** Throws an {@link IllegalArgumentException} naming the parameter when offset or limit is out of range. */
    public static void check(int offset, int limit) {
        if (offset < 0) throw new IllegalArgumentException("offset=" + offset + " must be 0 or more");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit=" + limit + " must lie between 1 and " + MAX_LIMIT);
    }

    /** The page of {@code all} at {@code offset}; empty past the end, with {@code total} still the whole count. */
    public static <T> Page<T> page(List<T> all, int offset, int limit) {
        check(offset, limit);
        List<T> items = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
        return new Page<>(items, offset, limit, all.size());
    }
}
