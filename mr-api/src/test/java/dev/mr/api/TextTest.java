package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void oneInstanceReusedHoldsExactlyTheLastBytesSet() {
        byte[] line = "a longer word, then x".getBytes(StandardCharsets.UTF_8);
        Text t = new Text();
        t.set(line, 2, 6);
        assertEquals("longer", t.toString());
        t.set(line, 20, 1);
        assertEquals("x", t.toString());
        assertEquals(1, t.length());
        assertArrayEquals(new byte[] {'x'}, t.copyBytes());
        assertEquals(new Text("x"), t, "bytes left over from the longer word are not part of it");
        assertEquals(new Text("x").hashCode(), t.hashCode());
        t.set(new Text("ünï"));
        assertEquals("ünï", t.toString());
        assertEquals(5, t.length(), "length counts bytes, not characters");
    }

    @Test
    void ordersByUnsignedBytesWhichIsCodePointOrder() {
        assertTrue(new Text("z").compareTo(new Text("é")) < 0, "é (0xC3 0xA9) sorts after z");
        assertTrue(new Text("ab").compareTo(new Text("abc")) < 0);
        assertTrue(new Text("\uFFFF").compareTo(new Text("\uD83D\uDE00")) < 0, "a supplementary character sorts last, as its code point does");
        assertEquals(0, new Text("mr").compareTo(new Text("mr")));
        assertNotEquals(new Text("mr"), new Text("mR"));
    }

    @Test
    void bytesThatAreNotUtf8PassThroughUntilDecoded() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
        Text t = new Text(latin1, 0, latin1.length);
        assertArrayEquals(latin1, t.copyBytes());
        assertEquals("caf\uFFFD", t.toString());
        assertNotEquals(new Text("caf\uFFFD"), t, "the bytes, not their decoding, are the text");
    }
}
