package dev.mr.api.serde;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Kryo class resolver that reads a class named in the bytes (an unregistered class, written
 * by name) only when {@code allowed} accepts the name, and refuses any other before it is
 * looked up, so that bytes from the network can never make a JVM load, let alone initialize,
 * a class the job did not declare. Registered classes travel as ids and are not affected.
 *
 * <p>Confined to the thread of its {@link com.esotericsoftware.kryo.Kryo}.
 */
public final class AllowedClassResolver extends DefaultClassResolver {

    private final Predicate<String> allowed;
    private final String refusal;
    private final Map<String, Class<?>> accepted = new HashMap<>();

    /** @param refusal how to fix a refused class, appended to the message that names it */
    public AllowedClassResolver(Predicate<String> allowed, String refusal) {
        this.allowed = allowed;
        this.refusal = refusal;
    }

    @Override
    protected Class<?> getTypeByName(String className) {
        Class<?> c = accepted.get(className);
        if (c != null) return c;
        if (!allowed.test(className)) throw new KryoException("class " + className + " is not registered; " + refusal);
        try {
            c = Class.forName(className, false, kryo.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new KryoException("Unable to find class: " + className, e);
        }
        accepted.put(className, c);
        return c;
    }
}
