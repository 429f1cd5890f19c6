package dev.mr.worker.task;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The framework could not take a record user code wrote ({@code Context.write}): a spill or the
 * output failed. Not the record's fault, so skip mode does not skip the record for it.
 */
final class EmitFailedException extends UncheckedIOException {

    EmitFailedException(IOException cause) {
        super(cause);
    }
}
