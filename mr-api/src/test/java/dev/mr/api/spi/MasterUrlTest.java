package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mr-submit --master URL} names the master through a system property; a driver that
 * opens {@code dfs:} paths before it submits (TeraSort samples its input) must reach that
 * master too, and a job's own setting must still win.
 */
class MasterUrlTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ConfKeys.MASTER);
    }

    @Test
    void theSystemPropertyNamesTheMasterWhenTheJobDoesNot() {
        System.setProperty(ConfKeys.MASTER, " http://m:7070 ");
        assertEquals("http://m:7070", MasterUrl.of(new Configuration()));
    }

    @Test
    void theJobsSettingWinsOverTheSystemProperty() {
        System.setProperty(ConfKeys.MASTER, "http://m:7070");
        assertEquals("http://job:1", MasterUrl.of(new Configuration().set(ConfKeys.MASTER, "http://job:1")));
    }

    @Test
    void blankSettingsNameNoMaster() {
        System.setProperty(ConfKeys.MASTER, "  ");
        String env = System.getenv("MR_MASTER");
        assertEquals(env == null || env.isBlank() ? null : env.trim(), MasterUrl.of(new Configuration().set(ConfKeys.MASTER, "")));
    }
}
