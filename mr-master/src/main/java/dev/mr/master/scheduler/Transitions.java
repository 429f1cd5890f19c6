package dev.mr.master.scheduler;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;

/**
 * One entity's transition table, in the manner of Hadoop's {@code StateMachineFactory}: for each
 * (state, trigger) pair either the states it may lead to, or a note that the trigger is
 * deliberately ignored in that state. A pair that is neither is a bug in the scheduler and fails
 * loudly instead of being silently absorbed.
 *
 * <p>The entity decides which of the allowed targets applies (a failed attempt leaves its task
 * RUNNING, WAITING or FAILED depending on what else runs and how often it failed); the table
 * checks that the decision is one it lists. Immutable once built; shared by all entities of a kind.
 */
final class Transitions<S extends Enum<S>, T extends Enum<T>> {

    private final String entity;
    private final Class<S> states;
    private final Class<T> triggers;
    private final EnumMap<S, EnumMap<T, EnumSet<S>>> moves;
    private final EnumMap<S, EnumSet<T>> ignored;

    private Transitions(Builder<S, T> b) {
        this.entity = b.entity;
        this.states = b.states;
        this.triggers = b.triggers;
        this.moves = b.moves;
        this.ignored = b.ignored;
    }

    static <S extends Enum<S>, T extends Enum<T>> Builder<S, T> builder(String entity, Class<S> states, Class<T> triggers) {
        return new Builder<>(entity, states, triggers);
    }

    /**
     * True when {@code trigger} moves an entity out of {@code state}, false when the table lists it
     * as deliberately ignored there; {@link IllegalStateException} for a pair the table does not know.
     */
    boolean handles(Object who, S state, T trigger) {
        if (targets(state, trigger) != null) return true;
        if (ignores(state, trigger)) return false;
        throw new IllegalStateException(entity + " " + who + " in state " + state + " cannot take " + trigger);
    }

    /** Checks that {@code (state, trigger) -> target} is in the table and returns {@code target}. */
    S move(Object who, S state, T trigger, S target) {
        Set<S> allowed = targets(state, trigger);
        if (allowed == null || !allowed.contains(target)) {
            throw new IllegalStateException(entity + " " + who + " in state " + state + " cannot take "
                    + trigger + " to " + target + (allowed == null ? "" : "; allowed: " + allowed));
        }
        return target;
    }

    /** The states {@code trigger} may lead to from {@code state}, or null when it is not a transition. */
    Set<S> targets(S state, T trigger) {
        EnumMap<T, EnumSet<S>> m = moves.get(state);
        return m == null ? null : m.get(trigger);
    }

    boolean ignores(S state, T trigger) {
        EnumSet<T> i = ignored.get(state);
        return i != null && i.contains(trigger);
    }

    /** The table as Markdown, one row per state: what the design docs and the tests print. */
    String toMarkdown() {
        StringBuilder sb = new StringBuilder("| ").append(entity).append(" state | trigger | to |\n|---|---|---|\n");
        for (S s : states.getEnumConstants()) {
            for (T t : triggers.getEnumConstants()) {
                Set<S> to = targets(s, t);
                if (to != null) sb.append("| ").append(s).append(" | ").append(t).append(" | ").append(to).append(" |\n");
                else if (ignores(s, t)) sb.append("| ").append(s).append(" | ").append(t).append(" | (ignored) |\n");
            }
        }
        return sb.toString();
    }

    static final class Builder<S extends Enum<S>, T extends Enum<T>> {
        private final String entity;
        private final Class<S> states;
        private final Class<T> triggers;
        private final EnumMap<S, EnumMap<T, EnumSet<S>>> moves;
        private final EnumMap<S, EnumSet<T>> ignored;

        private Builder(String entity, Class<S> states, Class<T> triggers) {
            this.entity = entity;
            this.states = states;
            this.triggers = triggers;
            this.moves = new EnumMap<>(states);
            this.ignored = new EnumMap<>(states);
        }

        @SafeVarargs
        final Builder<S, T> on(S from, T trigger, S first, S... more) {
            if (ignored.getOrDefault(from, EnumSet.noneOf(triggers)).contains(trigger)) {
                throw new IllegalArgumentException(from + "/" + trigger + " is both a transition and ignored");
            }
            EnumSet<S> to = moves.computeIfAbsent(from, s -> new EnumMap<>(triggers))
                    .computeIfAbsent(trigger, t -> EnumSet.noneOf(states));
            to.add(first);
            for (S s : more) to.add(s);
            return this;
        }

        @SafeVarargs
        final Builder<S, T> ignore(T trigger, S... in) {
            for (S s : in) {
                EnumMap<T, EnumSet<S>> m = moves.get(s);
                if (m != null && m.containsKey(trigger)) {
                    throw new IllegalArgumentException(s + "/" + trigger + " is both a transition and ignored");
                }
                ignored.computeIfAbsent(s, x -> EnumSet.noneOf(triggers)).add(trigger);
            }
            return this;
        }

        Transitions<S, T> build() {
            return new Transitions<>(this);
        }
    }
}
