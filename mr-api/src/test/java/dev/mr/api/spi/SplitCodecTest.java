package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.mr.api.io.FileSplit;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.MultiFileSplit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splits computed by the submitting client must arrive at the worker unchanged, including a
 * job's own registered split types; and since the payload crosses the network, it must never
 * be able to name a class that neither the framework nor the job registered.
 */
class SplitCodecTest {

    public record RowRange(long first, long rows) implements InputSplit {
        @Override
        public long length() {
            return rows;
        }
    }

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void roundTripsFileSplitsAndRegisteredUserSplits() {
        SplitCodec codec = new SplitCodec(loader, List.of(RowRange.class.getName()));
        FileSplit f = new FileSplit("dfs:/in/a.txt", 64, 1000, List.of("h1:7071", "h2:7071"));
        assertEquals(f, codec.decode(codec.encode(f)));
        FileSplit alone = new FileSplit("dfs:/in/b.txt", 0, 1, List.of("h1:7071"));
        assertEquals(alone, new SplitCodec(loader, List.of(RowRange.class.getName())).decode(codec.encode(alone)));
        RowRange r = new RowRange(5, 10);
        assertEquals(r, codec.decode(codec.encode(r)));
    }

    @Test
    void roundTripsPackedSplits() {
        SplitCodec codec = new SplitCodec(loader, List.of());
        MultiFileSplit m = new MultiFileSplit(List.of(new FileSplit("dfs:/in/a.txt", 0, 10, List.of("h1:7071")),
                new FileSplit("dfs:/in/b.txt", 0, 0, List.of())), List.of("h1:7071"));
        InputSplit back = codec.decode(codec.encode(m));
        assertEquals(m, back);
        assertEquals(10, back.length());
        assertEquals("dfs:/in/a.txt", back.path());
    }

    @Test
    void anUnregisteredSplitClassIsRefusedAtEncodingNamingHowToRegisterIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SplitCodec(loader, List.of()).encode(new RowRange(0, 1)));
        assertTrue(e.getMessage().contains("class " + RowRange.class.getName() + ", which is not registered"), e.getMessage());
        assertTrue(e.getMessage().contains("Job.registerKryo"), e.getMessage());
    }

    @Test
    void aPayloadNamingAnUnregisteredClassIsRefusedBeforeTheClassIsLoaded() {
        Kryo open = new Kryo();
        open.setRegistrationRequired(false);
        Output out = new Output(256, -1);
        open.writeClassAndObject(out, new HashMap<>(java.util.Map.of("a", 1)));
        String payload = Base64.getEncoder().encodeToString(out.toBytes());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SplitCodec(loader, List.of()).decode(payload));
        assertTrue(e.getMessage().contains("class java.util.HashMap is not registered"), e.getMessage());

        Output named = new Output(256, -1);
        open.writeClassAndObject(named, new RowRange(1, 2));
        String unregisteredUserClass = Base64.getEncoder().encodeToString(named.toBytes());
        e = assertThrows(IllegalArgumentException.class, () -> new SplitCodec(loader, List.of()).decode(unregisteredUserClass));
        assertTrue(e.getMessage().contains("class " + RowRange.class.getName() + " is not registered"), e.getMessage());
    }

    @Test
    void aGarbledPayloadIsRefusedAsNotASplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SplitCodec(loader, List.of()).decode("!!not base64"));
        assertTrue(e.getMessage().startsWith("not a valid encoded input split"), e.getMessage());
        String unknownId = Base64.getEncoder().encodeToString(new byte[] {(byte) 120, 1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> new SplitCodec(loader, List.of()).decode(unknownId));
        assertTrue(e.getMessage().startsWith("not a valid encoded input split"), e.getMessage());
    }
}
