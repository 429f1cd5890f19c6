package dev.mr.api.spi;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import dev.mr.api.io.InputSplit;
import java.util.Base64;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Carries an {@link InputSplit} from the master, which computes splits, to the worker that
 * runs the map: Kryo (class and object, with the job's class loader, since a split may be a
 * class of the job's jar), as base64 text for a JSON message.
 */
public final class SplitCodec {

    private SplitCodec() {}

    private static Kryo kryo(ClassLoader loader) {
        Kryo k = new Kryo();
        k.setRegistrationRequired(false);
        k.setReferences(false);
        k.setClassLoader(loader);
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        return k;
    }

    public static String encode(InputSplit split, ClassLoader loader) {
        Output out = new Output(256, -1);
        kryo(loader).writeClassAndObject(out, split);
        return Base64.getEncoder().encodeToString(out.toBytes());
    }

    public static InputSplit decode(String text, ClassLoader loader) {
        Object o = kryo(loader).readClassAndObject(new Input(Base64.getDecoder().decode(text)));
        if (!(o instanceof InputSplit split)) throw new IllegalArgumentException("not an input split: " + o.getClass().getName());
        return split;
    }
}
