package dev.mr.master.status;

import dev.mr.master.scheduler.TaskState;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which of a job's tasks to list: {@code ?type=map|reduce&state=&sort=&order=asc|desc&offset=&limit=}.
 *
 * @param maps  true for maps only, false for reduces only, null for both
 * @param state only tasks in this state, or null for all
 */
public record TaskQuery(Boolean maps, TaskState state, TaskSort sort, boolean descending, int offset, int limit) {

    public TaskQuery {
        Paging.check(offset, limit);
    }

    /** Parses the query parameters (each may be null or empty); an {@link IllegalArgumentException} names a bad one. */
    public static TaskQuery parse(String type, String state, String sort, String order, int offset, int limit) {
        Boolean maps = type == null || type.isEmpty() ? null : switch (type.toLowerCase(Locale.ROOT)) {
            case "map" -> Boolean.TRUE;
            case "reduce" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("type=" + type + " is not a task type; use map or reduce");
        };
        TaskState wanted = null;
        if (state != null && !state.isEmpty()) {
            try {
                wanted = TaskState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state=" + state + " is not a task state; use one of " + Arrays.toString(TaskState.values()));
            }
        }
        boolean descending = switch (order == null || order.isEmpty() ? "asc" : order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new IllegalArgumentException("order=" + order + " is not an order; use asc or desc");
        };
        return new TaskQuery(maps, wanted, TaskSort.parse(sort), descending, offset, limit);
    }
}
