package dev.mr.protocol;

import java.util.List;

/**
 * Run this attempt.
 *
 * @param attempt   e.g. {@code job_0001_m_000003_0}; its task says map or reduce and the index
 * @param split     for a map: its input split, Kryo-serialized with the job's classes, base64
 * @param splitPath for a map: the split's file as the job lists it (null when it reads none)
 * @param maps      the job's number of map tasks
 * @param reduces   the job's number of reduce tasks
 * @param skipMode  the task failed often enough to run in skip mode ({@code mr.skip.map.records.max} and friends):
 *                  records whose map or reduce throws are skipped and written under {@code <output>/_skipped/}
 * @param skipRecords in skip mode: records known to take the executor down, skipped without being read into
 *                  user code ({@code path:offset} for a map, the key's string form for a reduce); empty otherwise
 */
public record Assignment(String attempt, String split, String splitPath, int maps, int reduces,
                         boolean dataLocal, boolean backup, boolean skipMode, List<String> skipRecords) {

    public Assignment(String attempt, String split, String splitPath, int maps, int reduces, boolean dataLocal, boolean backup) {
        this(attempt, split, splitPath, maps, reduces, dataLocal, backup, false, List.of());
    }
}
