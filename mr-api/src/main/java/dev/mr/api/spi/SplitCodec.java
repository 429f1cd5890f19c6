package dev.mr.api.spi;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.mr.api.ConfKeys;
import dev.mr.api.io.FileSplit;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.MultiFileSplit;
import dev.mr.api.serde.AllowedClassResolver;
import java.util.Base64;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Carries an {@link InputSplit} from the submitting client, which computes splits, to the
 * worker that runs the map: Kryo (class id and object), as base64 text for a JSON message.
 *
 * <p>Registration is required: a payload may only hold the framework's split classes
 * ({@link FileSplit}, {@link MultiFileSplit}), the JDK's immutable lists, sets and maps, Kryo's
 * own built-ins, and the classes the job registers with {@code Job.registerKryo}
 * ({@value ConfKeys#KRYO_CLASSES}), registered in that order on every JVM so that their ids
 * agree. A payload that names any other class is refused before that class is looked up.
 *
 * <p>Confined to one thread (its Kryo instance is not thread-safe).
 */
public final class SplitCodec {

    private static final String HOW = "register it with Job.registerKryo(Class) or -D " + ConfKeys.KRYO_CLASSES + "=CLASS";

    private final Kryo kryo;

    /** @param registered the job's registered classes, in order ({@value ConfKeys#KRYO_CLASSES}) */
    public SplitCodec(ClassLoader loader, List<String> registered) {
        Kryo k = new Kryo(new AllowedClassResolver(name -> false, "a split may hold only registered classes: " + HOW),
                new MapReferenceResolver());
        k.setRegistrationRequired(true);
        k.setReferences(false);
        k.setClassLoader(loader);
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        k.register(FileSplit.class);
        k.register(MultiFileSplit.class);
        ImmutableCollectionsSerializers.registerSerializers(k);
        for (String name : registered) {
            try {
                k.register(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("class " + name + " listed in " + ConfKeys.KRYO_CLASSES + " was not found in the job's jar", e);
            }
        }
        this.kryo = k;
    }

    /** The codec of a job: its class loader and its registered classes. */
    public static SplitCodec of(JobDefinition def) {
        return new SplitCodec(def.loader(), def.conf().getList(ConfKeys.KRYO_CLASSES));
    }

    /** @throws IllegalArgumentException naming the class to register when the split holds an unregistered one */
    public String encode(InputSplit split) {
        Output out = new Output(256, -1);
        try {
            kryo.writeClassAndObject(out, split);
        } catch (IllegalArgumentException | KryoException e) {
            String name = unregistered(e);
            if (name == null) throw new IllegalArgumentException("input split " + split + " cannot be encoded: " + e.getMessage(), e);
            throw new IllegalArgumentException("input split " + split.getClass().getName() + " holds class " + name
                    + ", which is not registered; " + HOW, e);
        }
        return Base64.getEncoder().encodeToString(out.toBytes());
    }

    /** @throws IllegalArgumentException when the text is not an encoded split of registered classes */
    public InputSplit decode(String text) {
        Object o;
        try {
            o = kryo.readClassAndObject(new Input(Base64.getDecoder().decode(text)));
        } catch (IllegalArgumentException | KryoException e) {
            throw new IllegalArgumentException("not a valid encoded input split: " + e.getMessage(), e);
        }
        if (!(o instanceof InputSplit split)) {
            throw new IllegalArgumentException("not a valid encoded input split: it holds a " + (o == null ? "null" : o.getClass().getName()));
        }
        return split;
    }

    /** The class named in Kryo's "Class is not registered: NAME\nNote: ..." message, or null. */
    private static String unregistered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            String prefix = "Class is not registered: ";
            if (m != null && m.startsWith(prefix)) {
                int end = m.indexOf('\n');
                return m.substring(prefix.length(), end < 0 ? m.length() : end).trim();
            }
        }
        return null;
    }
}
