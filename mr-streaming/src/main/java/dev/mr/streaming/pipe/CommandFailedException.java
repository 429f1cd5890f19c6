package dev.mr.streaming.pipe;

import java.io.IOException;

/** A streaming command could not run, failed, or stopped reading its input; the message names the command and ends with its stderr. */
public final class CommandFailedException extends IOException {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
