package dev.mr.protocol;

/** The master accepted a job. */
public record SubmitResponse(String jobId, String url) {}
