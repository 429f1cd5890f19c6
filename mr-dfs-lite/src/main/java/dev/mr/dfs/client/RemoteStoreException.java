package dev.mr.dfs.client;

import dev.mr.dfs.Problem;
import java.io.IOException;

/** A refusal from the master or a chunk server, as the client receives it: status, problem and message. */
public class RemoteStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Problem problem;

    public RemoteStoreException(int status, Problem problem, String message) {
        super(message);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** The kind of refusal, or null when the server did not say. */
    public Problem problem() {
        return problem;
    }
}
