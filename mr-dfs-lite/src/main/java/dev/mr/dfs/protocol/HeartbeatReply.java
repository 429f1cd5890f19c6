package dev.mr.dfs.protocol;

import java.util.List;

/** The master's answer to a heartbeat: orders to carry out, and whether to send a full chunk report next. */
public record HeartbeatReply(boolean sendReport, List<ServerCommand> commands) {

    public HeartbeatReply {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
