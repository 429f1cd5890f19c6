package dev.mr.jobs;

import java.util.function.Consumer;

/**
 * Splits text into words at the whitespace Hadoop's WordCount splits on (space, tab,
 * newline, carriage return, form feed), as {@code java.util.StringTokenizer} would, without
 * its overhead.
 */
final class Words {

    private Words() {}

    static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static void forEach(String line, Consumer<String> word) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) i++;
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) i++;
            if (i > start) word.accept(line.substring(start, i));
        }
    }
}
