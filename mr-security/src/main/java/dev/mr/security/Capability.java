package dev.mr.security;

/**
 * A short-lived grant of one thing on the data plane, as an HDFS block token or Hadoop's
 * shuffle secret: read or write one chunk, or read one job's map outputs. The master mints
 * them into file layouts, chunk allocations and task assignments; chunk servers and shuffle
 * servers check them with the same derived key and keep no state. Text form
 * {@code mrc1.<payload>.<mac>}, sent in the {@value #HEADER} header.
 */
public record Capability(Kind kind, String resource, long expiresAtMs) {

    public static final String HEADER = "X-MR-Capability";
    static final String PREFIX = "mrc1.";

    public enum Kind {
        CHUNK_READ("read chunk"), CHUNK_WRITE("write chunk"), SHUFFLE("read the map outputs of");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    public Capability {
        if (resource.indexOf('\n') >= 0) throw new IllegalArgumentException("a capability's resource cannot hold a line break");
    }

    String payload() {
        return kind + "\n" + resource + "\n" + expiresAtMs;
    }

    static Capability parsePayload(String text) {
        String[] f = text.split("\n", -1);
        if (f.length != 3) throw new IllegalArgumentException("not a capability");
        return new Capability(Kind.valueOf(f[0]), f[1], Long.parseLong(f[2]));
    }

    /** "read chunk c_12" */
    String describe() {
        return kind.words + " " + resource;
    }
}
