package dev.mr.protocol;

/** The body of every 4xx and 5xx answer: what was wrong, in words a user can act on. */
public record Problem(int status, String error) {}
