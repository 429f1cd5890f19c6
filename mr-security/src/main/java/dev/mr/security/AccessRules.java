package dev.mr.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A server's access table: the first rule that matches a request's method and path decides what
 * it needs. A request no rule matches needs {@link Access#USER} (so an authenticated caller gets
 * the server's own 404, and nobody else learns which paths exist). Every route a server mounts
 * must have a rule of its own; a test walks each router and checks it. Immutable.
 */
public final class AccessRules {

    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AccessRules of(AccessRule... rules) {
        return new AccessRules(List.of(rules));
    }

    /** These rules, then {@code more}'s. */
    public AccessRules and(AccessRules more) {
        List<AccessRule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new AccessRules(all);
    }

    /** The rule that decides a request, or null when none matches. */
    public AccessRule find(String method, String path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        for (AccessRule r : rules) if (r.match(m, path) != null) return r;
        return null;
    }

    /** The resource a matching rule names in {@code path} ("" for none); null when {@code rule} does not match. */
    public static String resource(AccessRule rule, String method, String path) {
        return rule.match("HEAD".equals(method) ? "GET" : method, path);
    }
}
