package dev.mr.api.spi;

import dev.mr.api.spi.MasterRetryPolicy.Failure;
import java.io.IOException;

/**
 * A call that did not reach its server, or whose answer was lost: what the dfs client and the job
 * client both throw, so that one {@link MasterRetryPolicy} decides for both whether it goes again.
 * {@link #failure} says whether the request left. A TLS failure is not one of these: calling again
 * cannot mend a certificate.
 */
public final class Unreachable extends IOException {

    private static final long serialVersionUID = 1L;

    public final transient Failure failure;

    public Unreachable(Failure failure, String message, IOException cause) {
        super(message, cause);
        this.failure = failure;
    }
}
