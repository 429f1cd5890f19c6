package dev.mr.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.TaskInfo;
import dev.mr.protocol.StatusMessage;
import org.junit.jupiter.api.Test;

/**
 * A status message is user text that travels in every heartbeat and shows on a page row, so the
 * task keeps only the latest one, as one line of at most 256 characters, whatever the user code
 * gives it; and setting one counts as a sign of life, as in Hadoop.
 */
class TaskContextStatusTest {

    private final TaskProgress progress = new TaskProgress();
    private final TaskContext<String, String> context = new TaskContext<>(new Configuration(),
            new TaskInfo("job_0001", "job_0001_m_000000_0", "w1", 0, null), new Counters(), (k, v) -> {}, progress);

    @Test
    void keepsTheLatestMessageAndCountsItAsProgress() {
        assertNull(progress.status(), "no message before the task sets one");
        long before = progress.ticks();
        context.status("merged 1 of 8 files");
        context.status("merged 2 of 8 files");
        assertEquals("merged 2 of 8 files", progress.status());
        assertEquals(before + 2, progress.ticks());
        context.status("");
        assertEquals("", progress.status(), "an empty message clears what was shown");
    }

    @Test
    void aLongMessageIsCutTo256CharactersWithAnEllipsis() {
        String longText = "x".repeat(10_000);
        context.status(longText);
        String kept = progress.status();
        assertEquals(StatusMessage.MAX_CHARS, kept.length());
        assertEquals("x".repeat(StatusMessage.MAX_CHARS - 1) + "\u2026", kept);
        context.status("y".repeat(StatusMessage.MAX_CHARS));
        assertEquals("y".repeat(StatusMessage.MAX_CHARS), progress.status(), "exactly 256 characters are kept whole");
    }

    @Test
    void lineBreaksAndOtherControlCharactersBecomeSpaces() {
        context.status("line one\nline two\r\tend\u0000");
        assertEquals("line one line two  end ", progress.status());
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        context.status("a".repeat(StatusMessage.MAX_CHARS - 2) + emoji + "tail");
        String kept = progress.status();
        assertTrue(kept.length() <= StatusMessage.MAX_CHARS, kept);
        assertEquals("a".repeat(StatusMessage.MAX_CHARS - 2) + "\u2026", kept);
    }
}
