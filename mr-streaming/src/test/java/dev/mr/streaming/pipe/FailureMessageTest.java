package dev.mr.streaming.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failed command's error must say what happened in the user's words: not found, not executable, a signal, an exit status, a broken pipe. */
class FailureMessageTest {

    @Test
    void eachWayOfEndingHasItsWords() {
        assertEquals("cannot run `m.py`: command not found (exit status 127 from /bin/sh); the end of its stderr:\nsh: 1: m.py: not found",
                FailureMessage.of("m.py", 127, "Broken pipe", "sh: 1: m.py: not found"));
        assertEquals("cannot run `./m.py`: not executable (exit status 126 from /bin/sh); it wrote nothing on stderr",
                FailureMessage.of("./m.py", 126, null, ""));
        assertEquals("streaming command `x` was killed by signal 9 (SIGKILL); it wrote nothing on stderr", FailureMessage.of("x", 137, null, ""));
        assertEquals("streaming command `x` was killed by signal 40; it wrote nothing on stderr", FailureMessage.of("x", 168, null, ""));
        assertEquals("streaming command `x` exited with status 1; the end of its stderr:\nboom", FailureMessage.of("x", 1, "Broken pipe", "boom"));
        assertEquals("streaming command `head` stopped reading its input before its end (Broken pipe) and exited with status 0; it wrote nothing on stderr",
                FailureMessage.of("head", 0, "Broken pipe", ""));
        assertEquals("streaming command `x` stopped reading its input (Broken pipe) and is still running; it wrote nothing on stderr",
                FailureMessage.of("x", null, "Broken pipe", ""));
    }
}
