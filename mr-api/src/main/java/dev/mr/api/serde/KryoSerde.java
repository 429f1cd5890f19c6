package dev.mr.api.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Any other type, through Kryo (class and object). Not order-preserving: keys of such a type
 * sort by deserializing and comparing, so they must be {@link Comparable} or the job must set
 * a sort comparator.
 *
 * <p>Confined to one thread, like the {@link Kryo} instance it shares with its {@link Serdes}.
 */
public final class KryoSerde<T> implements Serde<T> {

    private final Kryo kryo;
    private final Class<T> type;
    private final Output output = new Output(256, -1);
    private final Input input = new Input();

    KryoSerde(Kryo kryo, Class<T> type) {
        this.kryo = kryo;
        this.type = type;
    }

    @Override
    public void write(T value, ByteBuilder out) {
        output.reset();
        kryo.writeClassAndObject(output, value);
        out.write(output.getBuffer(), 0, output.position());
    }

    @Override
    public T read(byte[] buf, int off, int len) {
        input.setBuffer(buf, off, len);
        Object v = kryo.readClassAndObject(input);
        return type.cast(v);
    }
}
