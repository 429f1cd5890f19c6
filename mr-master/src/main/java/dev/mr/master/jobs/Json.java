package dev.mr.master.jobs;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.protocol.RegisterRequest;

/**
 * The master's JSON mapping of requests (REST bodies, job specs). Strict: unknown fields,
 * trailing tokens and null where a number is expected are errors, so a malformed request is
 * refused rather than half understood; the exception is a field added to a message later
 * with a documented "not told" value ({@link RegisterRequest#memoryMb()}: 0;
 * {@link RegisterRequest#hostNames()}: none), which an older sender leaves out. Thread-safe.
 */
public final class Json {

    public static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(RegisterRequest.class, RegistrationAddedLater.class);

    /** A registration from a worker that predates {@code memoryMb} tells none. */
    private abstract static class RegistrationAddedLater {
        @JsonSetter(nulls = Nulls.AS_EMPTY)
        long memoryMb;
    }

    private Json() {}
}
