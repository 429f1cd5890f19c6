package dev.mr.master.jobs;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.protocol.WireJson;
import dev.mr.protocol.RegisterRequest;

/**
 * The master's JSON mapping of requests (REST bodies, job specs): dfs-lite's {@link WireJson},
 * the same strict mapping its own requests get (unknown fields, trailing tokens and null where a
 * number is expected are errors, so a malformed request is refused rather than half understood),
 * but for a field added to a message later with a documented "not told" value
 * ({@link RegisterRequest#memoryMb()}: 0; {@link RegisterRequest#hostNames()}: none), which an
 * older sender leaves out. Thread-safe.
 */
public final class Json {

    public static final ObjectMapper STRICT = WireJson.MAPPER.copy().addMixIn(RegisterRequest.class, RegistrationAddedLater.class);

    /** A registration from a worker that predates {@code memoryMb} tells none. */
    private abstract static class RegistrationAddedLater {
        @JsonSetter(nulls = Nulls.AS_EMPTY)
        long memoryMb;
    }

    private Json() {}
}
