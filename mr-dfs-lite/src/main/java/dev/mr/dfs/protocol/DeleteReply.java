package dev.mr.dfs.protocol;

/** Whether anything was deleted (false: the path did not exist). */
public record DeleteReply(boolean deleted) {}
