package dev.mr.protocol;

/**
 * A task's status message as it is kept and shown (Hadoop's {@code setStatus}, streaming's
 * {@code reporter:status:}): one line of at most {@value #MAX_CHARS} characters. The task side
 * bounds what user code gives, and the master bounds what a worker sends, with this same rule.
 * Stateless.
 */
public final class StatusMessage {

    public static final int MAX_CHARS = 256;

    private StatusMessage() {}

    /** {@code message} with every control character (a line break, a tab) made a space, cut to {@value #MAX_CHARS} characters with an ellipsis; null stays null. */
    public static String of(String message) {
        if (message == null) return null;
        int n = Math.min(message.length(), MAX_CHARS);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = message.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (message.length() > MAX_CHARS) {
            b.setLength(MAX_CHARS - 1);
            if (Character.isHighSurrogate(b.charAt(MAX_CHARS - 2))) b.setLength(MAX_CHARS - 2);
            b.append('\u2026');
        }
        return b.toString();
    }
}
