package dev.mr.protocol;

import java.util.List;

/**
 * The master's answer to a registration: name this incarnation in every later request, and stop
 * and drop each of {@code kills} (attempts and map outputs the registration listed that the
 * master does not take on); null or empty for none.
 */
public record RegisterResponse(long incarnation, List<String> kills) {

    public RegisterResponse(long incarnation) {
        this(incarnation, List.of());
    }
}
