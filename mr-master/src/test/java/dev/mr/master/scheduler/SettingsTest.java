package dev.mr.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.Configuration;
import org.junit.jupiter.api.Test;

/** Settings come from -D keys users know from Hadoop; defaults match the issue, and a bad value names its key. */
class SettingsTest {

    @Test
    void defaults() {
        assertEquals(new JobSettings(0.05, 4, 10, 3, 33, 3, true, 10_000, 2.0, 3_000), JobSettings.defaults());
        assertEquals(10_000, SchedulerSettings.defaults().workerExpiryMs());
    }

    @Test
    void keysOverrideDefaults() {
        Configuration c = new Configuration()
                .set("mr.reduce.slowstart", "1.0")
                .set("mr.task.max.attempts", "2")
                .set("mr.task.max.worker.deaths", "5")
                .set("mr.worker.max.failures", "1")
                .set("mr.worker.exclusion.max.percent", "50")
                .set("mr.map.fetch.failures", "6")
                .set("mr.speculation", "false")
                .set("mr.speculation.min.ms", "500")
                .set("mr.speculation.slowdown", "1.5")
                .set("mr.worker.expiry.ms", "3000");
        assertEquals(new JobSettings(1.0, 2, 5, 1, 50, 6, false, 500, 1.5, 3_000), JobSettings.from(c));
        assertEquals(3000, SchedulerSettings.from(c).workerExpiryMs());
    }

    @Test
    void skipModeIsOffByDefaultAndReadsHadoopLikeKeys() {
        JobSettings d = JobSettings.defaults();
        assertEquals(0, d.skipMapRecordsMax());
        assertEquals(0, d.skipReduceGroupsMax());
        assertEquals(2, d.skipStartAttempts(), "as Hadoop's mapreduce.task.skip.start.attempts");
        JobSettings s = JobSettings.from(new Configuration().set("mr.skip.map.records.max", "10")
                .set("mr.skip.reduce.groups.max", "3").set("mr.skip.start.attempts", "1"));
        assertEquals(10, s.skipMapRecordsMax());
        assertEquals(3, s.skipReduceGroupsMax());
        assertEquals(1, s.skipStartAttempts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobSettings.from(new Configuration().set("mr.skip.map.records.max", "-1")));
        assertEquals("setting mr.skip.map.records.max=-1 must be at least 0", e.getMessage());
    }

    @Test
    void aBadValueNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobSettings.from(new Configuration().set("mr.reduce.slowstart", "1.5")));
        assertEquals("setting mr.reduce.slowstart=1.5 must be a fraction between 0 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JobSettings.from(new Configuration().set("mr.task.max.attempts", "0")));
        assertEquals("setting mr.task.max.attempts=0 must be at least 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchedulerSettings.from(new Configuration().set("mr.worker.expiry.ms", "0")));
    }

    @Test
    void aMalformedSubmissionIsRefusedWithoutChangingState() {
        Scheduler s = new Scheduler(SchedulerSettings.defaults());
        s.on(new Event.JobSubmitted(0, "job_0001", JobSettings.defaults(), java.util.List.of(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.on(new Event.JobSubmitted(0, "job_0001", JobSettings.defaults(), java.util.List.of(), 0)));
        assertEquals("job job_0001 was already submitted", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.on(new Event.JobSubmitted(0, "job_0002", JobSettings.defaults(),
                java.util.List.of(new MapSplit(1, 10, java.util.List.of())), 0)));
        assertEquals(1, s.jobs().size());
    }
}
