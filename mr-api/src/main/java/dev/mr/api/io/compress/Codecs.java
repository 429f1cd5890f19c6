package dev.mr.api.io.compress;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Which {@link Codec} reads or writes a file. Input: by the file's extension, as Hadoop's
 * {@code CompressionCodecFactory} does ({@code .gz}, {@code .zst}, {@code .bz2}, {@code .lz4};
 * any other name is read as it is). Output: by name, from {@code mr.output.compress}. gzip is
 * built in; the others come from the codecs on the class path (the module {@code mr-codecs}),
 * loaded once with {@link ServiceLoader} from mr-api's class loader. A file whose extension
 * names a known format whose codec is absent is refused with the module to add, never read as
 * text. Thread-safe.
 */
public final class Codecs {

    /** The value of {@code mr.output.compress} that writes plain files. */
    public static final String NONE = "none";

    private static volatile Loaded loaded;

    /** The codecs found, and why any listed provider could not be loaded (a library missing beside it). */
    private record Loaded(List<Codec> codecs, List<String> failures) {}

    private Codecs() {}

    /** The codecs available here: gzip, then those found by {@link ServiceLoader}. */
    public static List<Codec> available() {
        return load().codecs();
    }

    private static Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            List<Codec> found = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            found.add(new GzipCodec());
            Iterator<Codec> providers = ServiceLoader.load(Codec.class, Codecs.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!providers.hasNext()) break;
                    Codec c = providers.next();
                    if (byName(found, c.name()).isEmpty()) found.add(c);
                } catch (ServiceConfigurationError e) {
                    // one broken provider must not take gzip and the others with it
                    failures.add(e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
            l = loaded = new Loaded(List.copyOf(found), List.copyOf(failures));
        }
        return l;
    }

    /** What to add to the class path for a known codec that is absent, with any provider that failed to load. */
    private static String missing(KnownCodec known) {
        String failures = load().failures().isEmpty() ? "" : "; codecs that failed to load: " + String.join("; ", load().failures());
        return "add the module " + known.module + " (dev.mr:" + known.module + ")" + failures;
    }

    /** True when {@code fileName}'s extension marks it compressed, whether or not its codec is here. */
    public static boolean compressed(String fileName) {
        return KnownCodec.byFileName(fileName).isPresent() || byExtension(fileName).isPresent();
    }

    /**
     * The codec that reads {@code path} (a file name or a path shown to the user), or empty for a
     * file that is not compressed.
     *
     * @throws IOException naming the module to add when the extension is a known format whose codec is absent
     */
    public static Optional<Codec> forInput(String path) throws IOException {
        Optional<Codec> codec = byExtension(path);
        if (codec.isPresent()) return codec;
        Optional<KnownCodec> known = KnownCodec.byFileName(path);
        if (known.isEmpty()) return Optional.empty();
        throw new IOException("input " + path + " is " + known.get().codecName + "-compressed (" + known.get().extension
                + ") but no " + known.get().codecName + " codec is on the class path: " + missing(known.get()));
    }

    /**
     * The codec {@code mr.output.compress} asks for, or empty for {@code none} (the default).
     *
     * @throws InvalidJobException naming the choices for an unknown name, or the module to add for a known one that is absent
     */
    public static Optional<Codec> forOutput(Configuration conf) {
        String name = conf.get(ConfKeys.OUTPUT_COMPRESS, NONE).trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals(NONE)) return Optional.empty();
        Optional<Codec> codec = byName(available(), name);
        if (codec.isPresent()) return codec;
        Optional<KnownCodec> known = KnownCodec.byName(name);
        if (known.isPresent()) {
            throw new InvalidJobException(ConfKeys.OUTPUT_COMPRESS + "=" + name + " needs the " + name
                    + " codec, which is not on the class path: " + missing(known.get()));
        }
        TreeSet<String> choices = new TreeSet<>(KnownCodec.names());
        for (Codec c : available()) choices.add(c.name());
        throw new InvalidJobException(ConfKeys.OUTPUT_COMPRESS + "=" + conf.get(ConfKeys.OUTPUT_COMPRESS)
                + " is not a codec; choose one of " + String.join("|", choices) + "|" + NONE);
    }

    private static Optional<Codec> byName(List<Codec> codecs, String name) {
        for (Codec c : codecs) {
            if (c.name().equals(name)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** The available codec with the longest extension that ends {@code fileName}. */
    private static Optional<Codec> byExtension(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        Codec best = null;
        for (Codec c : available()) {
            if (lower.endsWith(c.extension()) && (best == null || c.extension().length() > best.extension().length())) best = c;
        }
        return Optional.ofNullable(best);
    }
}
