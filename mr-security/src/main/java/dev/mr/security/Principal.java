package dev.mr.security;

/**
 * Who made a request, as the gate established it.
 *
 * @param name the user: the name in a token, the name a signed request states, or
 *             {@code anonymous} on an open route or an insecure cluster
 * @param role how they proved it
 */
public record Principal(String name, Role role) {

    public enum Role {
        /** Signed with the cluster secret: a daemon, or a tool run by the cluster's operator. */
        CLUSTER,
        /** A user token with the admin flag. */
        ADMIN,
        /** A user token. */
        USER,
        /** A capability token: may do the one thing it names, nothing else. */
        CAPABILITY,
        /** An open route, or any route of a cluster started with {@code --insecure}. */
        ANONYMOUS
    }

    public static final Principal ANONYMOUS = new Principal("anonymous", Role.ANONYMOUS);
    /** Whoever calls a cluster started with {@code --insecure}: nothing is checked, so everybody may do everything. */
    public static final Principal INSECURE = new Principal("anonymous", Role.CLUSTER);

    /** May act on anybody's job: kill it, say. */
    public boolean isAdmin() {
        return role == Role.CLUSTER || role == Role.ADMIN;
    }

    /** Holds the cluster secret (or the cluster holds none): may call the daemons' own routes. */
    public boolean isCluster() {
        return role == Role.CLUSTER;
    }
}
