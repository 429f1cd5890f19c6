package dev.mr.jobs.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded vocabulary of distinct made-up words ranked by frequency, drawn Zipf-like:
 * rank r has weight 1/(r+1)^s. As in English, frequent words are short (length grows with
 * log rank, 1 to 15 characters, English letter frequencies, a few capitalised); about 1%
 * are non-ASCII (accented Latin, Greek, Cyrillic, CJK, a few astral-plane symbols) so
 * that UTF-8 handling and unsigned byte order are exercised. Immutable once built.
 */
final class Vocabulary {
    static final int MAX_CHARS = 15;
    private static final String VOWELS = "eaoiuy";
    private static final double[] VOWEL_WEIGHTS = {127, 82, 75, 70, 28, 20};
    private static final String CONSONANTS = "tnshrdlcmwfgpbvkjxqz";
    private static final double[] CONSONANT_WEIGHTS = {91, 67, 63, 61, 60, 43, 40, 28, 24, 24, 22, 20, 19, 15, 10, 8, 2, 2, 1, 1};
    private static final String[] NON_ASCII_ALPHABETS = {
        "éèêëàâäçñöüßøåæœíóú",
        "αβγδεζηθικλμνξοπρστυφχψω",
        "абвгдежзийклмнопрстуфхцчшщыэюя",
        "日本語中文字東京大学山川水火木金土",
        "\uD834\uDD1E\uD83D\uDE00\uD83C\uDF0D",
    };

    private final byte[] arena;
    private final int[] offsets; // word w is arena[offsets[w], offsets[w + 1])
    private final int[][] asciiByLength; // [len] -> ranks of pure-ASCII words of that length
    private final AliasSampler zipf;

    Vocabulary(long seed, int size, double exponent) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Letters letters = new Letters();
        Set<String> seen = new HashSet<>();
        List<byte[]> words = new ArrayList<>(size);
        List<List<Integer>> byLength = new ArrayList<>();
        for (int len = 0; len <= MAX_CHARS; len++) byLength.add(new ArrayList<>());
        int total = 0;
        for (int rank = 0; rank < size; rank++) {
            boolean nonAscii = rank == 7 || rank == 29 || rank == 61 || rnd.nextInt(100) == 0;
            String w;
            do {
                int len = (int) Math.round(1 + 0.8 * Math.log(rank + 1) + 1.5 * rnd.nextGaussian());
                len = Math.max(nonAscii ? 2 : 1, Math.min(MAX_CHARS, len));
                w = nonAscii ? nonAsciiWord(rnd, letters, len) : asciiWord(rnd, letters, len);
            } while (!seen.add(w));
            byte[] b = w.getBytes(StandardCharsets.UTF_8);
            if (b.length == w.length()) byLength.get(w.length()).add(rank);
            words.add(b);
            total += b.length;
        }
        arena = new byte[total];
        offsets = new int[size + 1];
        for (int w = 0; w < size; w++) {
            byte[] b = words.get(w);
            System.arraycopy(b, 0, arena, offsets[w], b.length);
            offsets[w + 1] = offsets[w] + b.length;
        }
        asciiByLength = new int[MAX_CHARS + 1][];
        for (int len = 1; len <= MAX_CHARS; len++) {
            asciiByLength[len] = byLength.get(len).stream().mapToInt(Integer::intValue).toArray();
            if (asciiByLength[len].length == 0) {
                throw new IllegalStateException("vocabulary of " + size + " has no ASCII word of length " + len);
            }
        }
        double[] weights = new double[size];
        for (int r = 0; r < size; r++) weights[r] = 1.0 / Math.pow(r + 1, exponent);
        zipf = new AliasSampler(weights);
    }

    private static String asciiWord(SplittableRandom rnd, Letters letters, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) sb.append(letters.next(rnd, i == 0 ? ' ' : sb.charAt(i - 1)));
        if (rnd.nextInt(20) == 0) sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }

    private static String nonAsciiWord(SplittableRandom rnd, Letters letters, int len) {
        String alphabet = NON_ASCII_ALPHABETS[rnd.nextInt(NON_ASCII_ALPHABETS.length)];
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            // accented Latin mixes with plain letters ("café"); the other alphabets stand alone
            if (alphabet == NON_ASCII_ALPHABETS[0] && rnd.nextInt(3) != 0) sb.append(letters.next(rnd, ' '));
            else sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    /** English letter frequencies, mostly alternating consonants and vowels so words look pronounceable. */
    private static final class Letters {
        private final AliasSampler vowels = new AliasSampler(VOWEL_WEIGHTS);
        private final AliasSampler consonants = new AliasSampler(CONSONANT_WEIGHTS);

        char next(SplittableRandom rnd, char previous) {
            boolean afterVowel = VOWELS.indexOf(previous) >= 0;
            boolean vowel = afterVowel ? rnd.nextInt(4) == 0 : previous == ' ' ? rnd.nextInt(3) == 0 : rnd.nextInt(10) < 7;
            return vowel ? VOWELS.charAt(vowels.sample(rnd)) : CONSONANTS.charAt(consonants.sample(rnd));
        }
    }

    int size() {
        return offsets.length - 1;
    }

    int sample(SplittableRandom rnd) {
        return zipf.sample(rnd);
    }

    /** A pure-ASCII word of exactly {@code len} bytes (1..15), for filling a line to an exact size. */
    int asciiWordOfLength(int len, SplittableRandom rnd) {
        int[] ranks = asciiByLength[len];
        return ranks[rnd.nextInt(ranks.length)];
    }

    int length(int word) {
        return offsets[word + 1] - offsets[word];
    }

    /** Copies word {@code word}'s UTF-8 bytes to {@code dst[pos]} and returns the position after it. */
    int copy(int word, byte[] dst, int pos) {
        int from = offsets[word];
        int len = offsets[word + 1] - from;
        for (int i = 0; i < len; i++) dst[pos + i] = arena[from + i];
        return pos + len;
    }
}
