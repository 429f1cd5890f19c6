package dev.mr.protocol;

/** The master's answer to a registration: name this incarnation in every later request. */
public record RegisterResponse(long incarnation) {}
