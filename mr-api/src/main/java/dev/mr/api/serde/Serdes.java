package dev.mr.api.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import dev.mr.api.Pair;
import dev.mr.api.Text;
import java.util.List;
import java.util.Map;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Picks the serde of a type: the order-preserving built-ins for String, Integer, Long,
 * Double, Boolean, byte[], {@link Text} and {@link Pair}; Kryo for everything else, with the job's
 * registered classes ({@code mr.kryo.classes}) registered in the same order on every JVM
 * so that their ids agree.
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
        return new KryoSerde<>(kryo(), type);
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
            Kryo k = new Kryo();
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
