package dev.mr.dfs;

/**
 * A refusal by the master or a chunk server: what kind ({@link Problem}) and a message naming
 * what was wrong. Thrown before anything changes, so a refused request has no effect.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Problem problem;

    public StoreException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
