package dev.mr.security;

import java.io.IOException;

/**
 * A process cannot hold the credentials it was told to use: a missing, unreadable, empty or
 * group/other-readable secret file, a malformed token. The message is one line that names the
 * file or setting and what to do; daemons and clients print it and exit.
 */
public final class CredentialsException extends IOException {

    public CredentialsException(String message) {
        super(message);
    }
}
