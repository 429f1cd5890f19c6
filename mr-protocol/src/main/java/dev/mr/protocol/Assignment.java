package dev.mr.protocol;

/**
 * Run this attempt.
 *
 * @param attempt   e.g. {@code job_0001_m_000003_0}; its task says map or reduce and the index
 * @param split     for a map: its input split, Kryo-serialized with the job's classes, base64
 * @param splitPath for a map: the split's file as the job lists it (null when it reads none)
 * @param maps      the job's number of map tasks
 * @param reduces   the job's number of reduce tasks
 */
public record Assignment(String attempt, String split, String splitPath, int maps, int reduces,
                         boolean dataLocal, boolean backup) {}
