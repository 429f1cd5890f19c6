package dev.mr.api.spi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the type arguments a class gives a generic interface it implements, directly or
 * through superclasses: for {@code class M implements Mapper<Long, String, String, Integer>},
 * {@code of(M.class, Mapper.class)} is {@code [Long, String, String, Integer]}. An argument
 * left as a type variable comes back null.
 */
public final class TypeArguments {

    private TypeArguments() {}

    /** The raw classes of {@code target}'s type arguments as bound by {@code impl}; null where unbound. */
    public static Class<?>[] of(Class<?> impl, Class<?> target) {
        Type[] types = walk(impl, target, new HashMap<>());
        Class<?>[] out = new Class<?>[target.getTypeParameters().length];
        if (types == null) return out;
        for (int i = 0; i < out.length; i++) out[i] = rawClass(types[i]);
        return out;
    }

    private static Type[] walk(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null) return null;
        if (type instanceof ParameterizedType pt) {
            TypeVariable<?>[] params = raw.getTypeParameters();
            Type[] args = pt.getActualTypeArguments();
            for (int i = 0; i < params.length; i++) bindings.put(params[i], substitute(args[i], bindings));
        }
        if (raw == target) {
            TypeVariable<?>[] params = target.getTypeParameters();
            Type[] out = new Type[params.length];
            for (int i = 0; i < params.length; i++) out[i] = bindings.getOrDefault(params[i], params[i]);
            return out;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] r = walk(parent, target, new HashMap<>(bindings));
            if (r != null) return r;
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : walk(superclass, target, new HashMap<>(bindings));
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        return t instanceof TypeVariable<?> v ? bindings.getOrDefault(v, v) : t;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (t instanceof GenericArrayType g) {
            Class<?> component = rawClass(g.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }
}
