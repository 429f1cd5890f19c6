package dev.mr.shuffle.sort;

import java.io.IOException;

/**
 * Carries a combiner's {@link IOException} out of {@link CollectBuffer#add}, which cannot throw
 * it, when a combine runs while a record is added. The collector unwraps it.
 */
public final class CombineFailure extends RuntimeException {

    CombineFailure(IOException cause) {
        super(cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
