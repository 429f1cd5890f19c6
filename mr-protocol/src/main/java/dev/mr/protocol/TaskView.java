package dev.mr.protocol;

import java.util.List;

/** A task with its attempts, for the job page. */
public record TaskView(String taskId, String type, String state, long startTime, long finishTime,
                       String worker, Boolean dataLocal, List<AttemptView> attempts,
                       java.util.Map<String, java.util.Map<String, Long>> counters) {}
