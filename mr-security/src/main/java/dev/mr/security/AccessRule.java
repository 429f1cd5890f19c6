package dev.mr.security;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a server's access table: requests with one of {@code methods} whose path matches
 * {@code path} (a whole-path regular expression) need {@code access}; for capability routes the
 * regular expression's first group is the resource the capability must name (a chunk id, a job id).
 */
public record AccessRule(Set<String> methods, Pattern path, Access access) {

    public static AccessRule of(String methods, String pathRegex, Access access) {
        return new AccessRule(Set.of(methods.split(",")), Pattern.compile(pathRegex), access);
    }

    /** The resource this request names when the rule applies, "" when the rule names none, null when it does not apply. */
    String match(String method, String path) {
        if (!methods.contains(method)) return null;
        Matcher m = this.path.matcher(path);
        if (!m.matches()) return null;
        return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : "";
    }
}
