package dev.mr.dfs.protocol;

/** The body of every error answer: a stable code ({@code not_found}, {@code exists}, ...) and a message naming the problem. */
public record ErrorReply(String error, String message) {}
