package dev.mr.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which settings hold credentials ({@code fs.s3a.secret.key}, {@code fs.azure.account.key.*},
 * {@code *.password}, ...), so that their values travel with the job to its tasks but are never
 * shown: not in logs, pages, API answers, the reproducing command or error messages, where
 * {@link #redact} puts {@value #REDACTED} in their place and keeps the key.
 *
 * <p>A key is sensitive when one of the patterns is found anywhere in it, ignoring case, as
 * Hadoop's {@code ConfigRedactor} finds them: Hadoop 3.4's default
 * {@value #SETTING} ({@link #HADOOP_PATTERNS}, from its {@code core-default.xml}), then ours
 * ({@link #MORE_PATTERNS}: Spark's secret, password, token and access key words anywhere in the
 * key, and plural {@code credentials}). A job adds patterns of its own with the same setting
 * (comma- or line-separated regular expressions). Unlike Hadoop, where that setting replaces the
 * list, they add to it: a job cannot unmask {@code fs.s3a.secret.key} by naming another pattern.
 *
 * <pre>{@code
 * SensitiveKeys keys = SensitiveKeys.of(conf.asMap());   // -D hadoop.security.sensitive-config-keys=acme\.api\.key
 * keys.redact("fs.s3a.secret.key", "wJalr...")           // "<redacted>"
 * keys.redact("fs.s3a.endpoint", "http://s3:9000")       // "http://s3:9000"
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class SensitiveKeys {

    /** Hadoop's setting for the patterns, read from the job's settings. */
    public static final String SETTING = "hadoop.security.sensitive-config-keys";

    /** What a sensitive value is shown as: Hadoop's {@code ConfigRedactor} text. */
    public static final String REDACTED = "<redacted>";

    /** The default of {@value #SETTING} in Hadoop 3.4's {@code core-default.xml}, verbatim. */
    static final List<String> HADOOP_PATTERNS = List.of(
            "secret$", "password$", "ssl.keystore.pass$",
            "fs.s3a.server-side-encryption.key", "fs.s3a.*.server-side-encryption.key",
            "fs.s3a.encryption.algorithm", "fs.s3a.encryption.key",
            "fs.s3a.secret.key", "fs.s3a.*.secret.key", "fs.s3a.session.key", "fs.s3a.*.session.key",
            "fs.s3a.session.token", "fs.s3a.*.session.token",
            "fs.azure.account.key.*", "fs.azure.oauth2.*", "fs.adl.oauth2.*",
            "fs.gs.encryption.*", "fs.gs.proxy.*", "fs.gs.auth.*",
            "credential$", "oauth.*secret", "oauth.*password", "oauth.*token",
            SETTING);

    /**
     * Ours, on top of Hadoop's, as Spark's default {@code spark.redaction.regex}
     * ({@code secret|password|token|access[.]?key}) has them: a key that names a secret, password
     * or token anywhere ({@code mr.token}, {@code db.password.prod}), access key ids
     * ({@code fs.s3a.access.key}, per bucket too, {@code AWS_ACCESS_KEY_ID}); and plural
     * {@code credentials}. Masking a harmless value costs little; showing a secret cannot be undone.
     */
    static final List<String> MORE_PATTERNS = List.of("secret", "password", "token", "access.?key", "credentials$");

    /** The built-in patterns alone, for settings that cannot carry a job's own. */
    public static final SensitiveKeys DEFAULT = new SensitiveKeys(List.of());

    private final List<Pattern> patterns;

    private SensitiveKeys(List<Pattern> extra) {
        List<Pattern> all = new ArrayList<>();
        for (String p : HADOOP_PATTERNS) all.add(compile(p));
        for (String p : MORE_PATTERNS) all.add(compile(p));
        all.addAll(extra);
        this.patterns = List.copyOf(all);
    }

    /**
     * The built-in patterns and those {@code settings} adds under {@value #SETTING}. A pattern that
     * is not a regular expression counts as literal text: showing settings never fails (a job with
     * one is refused at submission, see {@link #check}).
     */
    public static SensitiveKeys of(Map<String, String> settings) {
        List<String> own = own(settings);
        if (own.isEmpty()) return DEFAULT;
        List<Pattern> extra = new ArrayList<>(own.size());
        for (String p : own) {
            try {
                extra.add(compile(p));
            } catch (PatternSyntaxException e) {
                extra.add(compile(Pattern.quote(p)));
            }
        }
        return new SensitiveKeys(extra);
    }

    /** Refuses patterns under {@value #SETTING} that are not regular expressions, naming the first. */
    public static void check(Map<String, String> settings) {
        for (String p : own(settings)) {
            try {
                compile(p);
            } catch (PatternSyntaxException e) {
                throw new InvalidJobException(SETTING + ": '" + p + "' is not a regular expression (" + e.getDescription()
                        + "); give comma-separated Java regular expressions, e.g. acme\\.api\\.key$");
            }
        }
    }

    /** Whether {@code key}'s value is a credential. */
    public boolean isSensitive(String key) {
        for (Pattern p : patterns) {
            if (p.matcher(key).find()) return true;
        }
        return false;
    }

    /** {@code value}, or {@value #REDACTED} when {@code key} is sensitive (null stays null). */
    public String redact(String key, String value) {
        return value != null && isSensitive(key) ? REDACTED : value;
    }

    /** A copy of {@code settings} in key order with every sensitive value redacted, read-only. */
    public Map<String, String> redacted(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, redact(k, v)));
        return Collections.unmodifiableMap(out);
    }

    private static List<String> own(Map<String, String> settings) {
        String v = settings.get(SETTING);
        if (v == null || v.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String p : v.split("[,\\n]")) {
            String t = p.trim();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }
}
