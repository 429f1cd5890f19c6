package dev.mr.api.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.mr.api.Pair;
import dev.mr.api.Text;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Picks the serde of a type: the order-preserving built-ins for String, Integer, Long,
 * Double, Boolean, byte[], {@link Text} and {@link Pair}; Kryo for everything else, with the job's
 * registered classes ({@code mr.kryo.classes}) registered in the same order on every JVM
 * so that their ids agree. Bytes that name any other class (shuffle data comes from other
 * hosts) are read only when it is a type asked for here, a field type of one, or a JDK value
 * type ({@link AllowedClassResolver}); a subclass the job emits where it declared a supertype
 * must be registered.
 *
 * <p>One instance per task thread: the Kryo instance behind it is not thread-safe.
 */
public final class Serdes {

    private static final Map<Class<?>, Serde<?>> BUILTIN = Map.ofEntries(
            Map.entry(String.class, StringSerde.INSTANCE),
            Map.entry(Integer.class, IntSerde.INSTANCE),
            Map.entry(int.class, IntSerde.INSTANCE),
            Map.entry(Long.class, LongSerde.INSTANCE),
            Map.entry(long.class, LongSerde.INSTANCE),
            Map.entry(Double.class, DoubleSerde.INSTANCE),
            Map.entry(double.class, DoubleSerde.INSTANCE),
            Map.entry(Boolean.class, BooleanSerde.INSTANCE),
            Map.entry(boolean.class, BooleanSerde.INSTANCE),
            Map.entry(byte[].class, BytesSerde.INSTANCE),
            Map.entry(Text.class, TextSerde.INSTANCE),
            Map.entry(Pair.class, PairSerde.INSTANCE));

    private final ClassLoader loader;
    private final List<String> kryoClasses;
    private final Set<String> declared = new HashSet<>();
    private Kryo kryo;

    public Serdes(ClassLoader loader, List<String> kryoClasses) {
        this.loader = loader;
        this.kryoClasses = List.copyOf(kryoClasses);
    }

    /** The built-in serde of {@code type}, or null when it has none. */
    public static Serde<?> builtin(Class<?> type) {
        return BUILTIN.get(type);
    }

    @SuppressWarnings("unchecked")
    public <T> Serde<T> forClass(Class<T> type) {
        Serde<?> s = BUILTIN.get(type);
        if (s != null) return (Serde<T>) s;
        declare(type);
        return new KryoSerde<>(kryo(), type);
    }

    /** Lets Kryo read {@code type} and the declared types of its fields, transitively, by name. */
    private void declare(Class<?> type) {
        while (type.isArray()) type = type.getComponentType();
        if (type.isPrimitive() || jdkValue(type.getName()) || !declared.add(type.getName())) return;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) declare(f.getType());
            }
        }
    }

    /**
     * True for a class that bytes may name: one the job declared as a serialized type (or a
     * field type of one), registered, or a JDK value or collection type; arrays of those.
     */
    private boolean allowed(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') dims++;
        if (dims > 0) {
            if (name.charAt(dims) != 'L') return true; // an array of primitives
            name = name.substring(dims + 1, name.length() - 1);
        }
        return declared.contains(name) || kryoClasses.contains(name) || jdkValue(name);
    }

    private static boolean jdkValue(String name) {
        return name.startsWith("java.lang.") || name.startsWith("java.util.") || name.startsWith("java.math.") || name.startsWith("java.time.");
    }

    /** Loads a class of the job (from its jar), for formats that store type names. */
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "boolean" -> boolean.class;
            default -> Class.forName(name, false, loader);
        };
    }

    private Kryo kryo() {
        if (kryo == null) {
            Kryo k = new Kryo(new AllowedClassResolver(this::allowed, "shuffled and stored values may hold only the job's declared"
                    + " map output and output types, their field types, JDK value types, and classes registered with Job.registerKryo(Class)"),
                    new MapReferenceResolver());
            k.setRegistrationRequired(false);
            k.setReferences(false);
            k.setClassLoader(loader);
            k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            for (String name : kryoClasses) {
                try {
                    k.register(Class.forName(name, false, loader));
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("class " + name + " listed in mr.kryo.classes was not found in the job's jar", e);
                }
            }
            kryo = k;
        }
        return kryo;
    }
}
