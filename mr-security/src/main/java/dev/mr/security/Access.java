package dev.mr.security;

/** What a route demands of a request; see {@link AccessRules}. */
public enum Access {
    /** Anybody: liveness and the web page's static files. */
    OPEN,
    /** Any authenticated person or tool: a user token, the session cookie, or a signed request. */
    USER,
    /** Only requests signed with the cluster secret, or an admin token: registrations, heartbeats, daemons' reports. */
    CLUSTER,
    /** A capability to read the chunk the path names (or a signed request). */
    CHUNK_READ,
    /** A capability to write the chunk the path names (or a signed request). */
    CHUNK_WRITE,
    /** A capability to read the map outputs of the job the path names (or a signed request). */
    SHUFFLE;

    /** The kind of capability token this access takes, or null when it takes none. */
    public Capability.Kind capability() {
        return switch (this) {
            case CHUNK_READ -> Capability.Kind.CHUNK_READ;
            case CHUNK_WRITE -> Capability.Kind.CHUNK_WRITE;
            case SHUFFLE -> Capability.Kind.SHUFFLE;
            default -> null;
        };
    }
}
