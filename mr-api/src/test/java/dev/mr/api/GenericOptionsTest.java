package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Drivers take Hadoop-style -D settings before their own arguments; both forms must parse. */
class GenericOptionsTest {

    @Test
    void separatesSettingsFromArguments() {
        GenericOptions o = GenericOptions.parse("-D", "mr.reducers=4", "-Dfoo=a=b", "--master", "http://m:1", "in", "out", "--", "-D", "x");
        assertEquals(4, o.conf().getInt("mr.reducers", 1));
        assertEquals("a=b", o.conf().get("foo"));
        assertEquals("http://m:1", o.conf().get(ConfKeys.MASTER));
        assertEquals(List.of("in", "out", "-D", "x"), o.args());
    }

    @Test
    void malformedSettingNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-D", "novalue"));
        assertEquals("-D novalue: expected key=value", e.getMessage());
    }

    @Test
    void badNumbersNameTheSetting() {
        Configuration c = new Configuration().set("mr.reducers", "four");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.getInt("mr.reducers", 1));
        assertEquals("setting mr.reducers=four is not an integer", e.getMessage());
    }
}
