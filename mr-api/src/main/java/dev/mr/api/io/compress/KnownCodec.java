package dev.mr.api.io.compress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The compression formats mr knows by name and extension, whether or not their codec is on
 * the class path, and where each one lives. Knowing them without their codec lets a format
 * keep a {@code .zst} file whole and fail its reading with the module to add, instead of
 * reading compressed bytes as text. Extensions are Hadoop's (CompressionCodecFactory).
 */
enum KnownCodec {
    GZIP("gzip", ".gz", null),
    ZSTD("zstd", ".zst", "mr-codecs"),
    BZIP2("bzip2", ".bz2", "mr-codecs"),
    LZ4("lz4", ".lz4", "mr-codecs");

    final String codecName;
    final String extension;
    /** The module that provides the codec; null when mr-api has it built in. */
    final String module;

    KnownCodec(String codecName, String extension, String module) {
        this.codecName = codecName;
        this.extension = extension;
        this.module = module;
    }

    static Optional<KnownCodec> byName(String name) {
        for (KnownCodec c : values()) {
            if (c.codecName.equals(name)) return Optional.of(c);
        }
        return Optional.empty();
    }

    static Optional<KnownCodec> byFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (KnownCodec c : values()) {
            if (lower.endsWith(c.extension)) return Optional.of(c);
        }
        return Optional.empty();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(c -> c.codecName).toList();
    }
}
