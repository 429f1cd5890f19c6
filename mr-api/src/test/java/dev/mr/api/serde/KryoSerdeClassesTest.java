package dev.mr.api.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Map output of a non-built-in type crosses hosts as Kryo bytes that name classes; a reader
 * must make a JVM load only the classes the job declared (with their field types), registered,
 * or JDK value types, so that fetched bytes cannot name an arbitrary class on the class path.
 */
class KryoSerdeClassesTest {

    public static final class Tag {
        String label;

        Tag() {}

        Tag(String label) {
            this.label = label;
        }
    }

    public record Point(int x, Tag tag, List<String> notes, Map<String, Long> counts) {}

    public record Unrelated(long id) {}

    private final ClassLoader loader = getClass().getClassLoader();

    private static <T> byte[] bytes(Serde<T> serde, T value) {
        ByteBuilder out = new ByteBuilder();
        serde.write(value, out);
        return out.toByteArray();
    }

    @Test
    void aDeclaredTypeWithItsFieldTypesAndJdkValuesRoundTrips() {
        Point p = new Point(3, new Tag("t"), new ArrayList<>(List.of("a")), Map.of("k", 1L));
        byte[] b = bytes(new Serdes(loader, List.of()).forClass(Point.class), p);
        Point back = new Serdes(loader, List.of()).forClass(Point.class).read(b, 0, b.length);
        assertEquals(p.x(), back.x());
        assertEquals("t", back.tag().label);
        assertEquals(p.notes(), back.notes());
        assertEquals(p.counts(), back.counts());
    }

    @Test
    void bytesNamingAClassTheJobDidNotDeclareAreRefused() {
        byte[] b = bytes(new Serdes(loader, List.of()).forClass(Object.class), (Object) new Unrelated(7));
        Serde<Object> reader = new Serdes(loader, List.of()).forClass(Object.class);
        KryoException e = assertThrows(KryoException.class, () -> reader.read(b, 0, b.length));
        assertTrue(e.getMessage().contains("class " + Unrelated.class.getName() + " is not registered"), e.getMessage());
        assertTrue(e.getMessage().contains("Job.registerKryo"), e.getMessage());
    }

    @Test
    void aRegisteredSubtypeOfADeclaredTypeIsRead() {
        List<String> registered = List.of(Unrelated.class.getName());
        byte[] b = bytes(new Serdes(loader, registered).forClass(Object.class), (Object) new Unrelated(7));
        assertEquals(new Unrelated(7), new Serdes(loader, registered).forClass(Object.class).read(b, 0, b.length));
    }
}
