package dev.mr.master.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The master's JSON mapping of requests (REST bodies, job specs). Strict: unknown fields,
 * trailing tokens and null where a number is expected are errors, so a malformed request is
 * refused rather than half understood. Thread-safe.
 */
public final class Json {

    public static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}
}
