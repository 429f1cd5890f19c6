package dev.mr.api.testing;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.awaitValue;
import static dev.mr.api.testing.Await.quietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every module's tests wait through {@link Await}: it must wait until the condition holds, and fail saying what it waited for. */
class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        await(Duration.ofSeconds(10), "the third check", () -> checks.incrementAndGet() == 3);
        assertEquals(3, checks.get());
        assertEquals("3", awaitValue(Duration.ofSeconds(10), "a value", () -> checks.incrementAndGet() >= 5 ? "" + (checks.get() - 2) : null));
    }

    @Test
    void failsAtTheDeadlineNamingWhatItAwaitedAndWhatItSaw() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> await(Duration.ofMillis(50), "the moon to be square", () -> false, () -> "it is round"));
        assertEquals("waited 50 ms for the moon to be square; it is round", e.getMessage());
        AssertionError plain = assertThrows(AssertionError.class, () -> await(Duration.ofSeconds(0), "nothing", () -> false));
        assertEquals("waited 0 s for nothing", plain.getMessage());
    }

    @Test
    void aConditionThatThrowsFailsAtOnceUnlessQuiet() throws Exception {
        IOException boom = new IOException("boom");
        AssertionError e = assertThrows(AssertionError.class, () -> await(Duration.ofSeconds(60), "a file", () -> {
            throw boom;
        }));
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().startsWith("checking for a file failed: "), e.getMessage());

        AtomicInteger tries = new AtomicInteger();
        await(Duration.ofSeconds(10), "a server that starts", quietly(() -> {
            if (tries.incrementAndGet() < 3) throw new IOException("connection refused");
            return true;
        }));
        assertEquals(3, tries.get());
    }
}
