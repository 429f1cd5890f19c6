package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InputSampler;
import dev.mr.api.Job;
import dev.mr.api.TotalOrderPartitioner;
import dev.mr.api.io.KeyLineOutputFormat;
import dev.mr.api.io.LineKeyInputFormat;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.JobView;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cut points a driver computes travel with the job's settings to the workers, whose map
 * tasks partition with them: a total-order sort of text lines (the {@code dev.mr.jobs.Sort}
 * setup) on a real master and two workers writes, part file by part file, exactly what the
 * local runner writes for the same job, and the parts in order are sorted as {@code LC_ALL=C sort}
 * sorts (unsigned bytes).
 */
class TotalOrderClusterTest {

    @TempDir
    Path tmp;

    private static Job sortJob(Configuration base, String input, String output) {
        return Job.create(base).inputFormat(LineKeyInputFormat.class).outputFormat(KeyLineOutputFormat.class)
                .partitioner(TotalOrderPartitioner.class).reducers(3).input(input).output(output)
                .set(ConfKeys.SPLIT_SIZE, "300000").classLoader(TotalOrderClusterTest.class.getClassLoader());
    }

    @Test
    void aSortOnTheClusterWritesTheLocalRunnersPartFiles() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Random r = new Random(3);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            int len = r.nextInt(20);
            for (int k = 0; k < len; k++) text.write(r.nextInt(50) == 0 ? 0x80 + r.nextInt(128) : 'a' + r.nextInt(26));
            if (r.nextInt(30) == 0) text.write('\r');
            text.write('\n');
        }
        Path input = Files.write(data.resolve("lines.txt"), text.toByteArray());

        Job cluster = sortJob(new Configuration(), "file:" + input, "file:" + data.resolve("out"));
        InputSampler.writePartitionFile(cluster, new InputSampler.RandomSampler(1, 2000, 5));
        Job local = sortJob(new Configuration().set(ConfKeys.FRAMEWORK, "local"), input.toString(), tmp.resolve("local").toString());
        local.set(ConfKeys.PARTITIONER_CUTS, cluster.conf().get(ConfKeys.PARTITIONER_CUTS))
                .set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, cluster.conf().get(ConfKeys.PARTITIONER_CUTS_KEY_CLASS));
        assertTrue(local.waitForCompletion(false));

        try (LocalCluster c = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf().set(FileRoots.SETTING, data.toString()), 2, 2)) {
            cluster.set(ConfKeys.EXECUTOR, "thread");
            Api.Reply reply = c.api.submit(TestJars.of(LineMapper.class), Api.spec(cluster.conf().asMap()));
            assertEquals(201, reply.status(), reply.text());
            String id = reply.as(dev.mr.protocol.SubmitResponse.class).jobId();
            JobView job = c.api.awaitJob(id, 120_000, v -> v.finishTime() >= 0);
            assertEquals("SUCCEEDED", job.state(), job.diagnostics());
            assertTrue(job.maps() >= 3, job.maps() + " maps");
        }

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String part : List.of("part-r-00000", "part-r-00001", "part-r-00002")) {
            byte[] got = Files.readAllBytes(data.resolve("out").resolve(part));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(part)), got, part);
            assertTrue(got.length > 0, part + " got a share of the lines");
            all.writeBytes(got);
        }
        byte[] sorted = all.toByteArray();
        assertEquals(text.size(), sorted.length, "every byte of every line is kept");
        int lineStart = 0, prevStart = -1, prevEnd = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != '\n') continue;
            if (prevStart >= 0) {
                assertTrue(Arrays.compareUnsigned(sorted, prevStart, prevEnd, sorted, lineStart, i) <= 0, "lines in order at byte " + lineStart);
            }
            prevStart = lineStart;
            prevEnd = i;
            lineStart = i + 1;
        }
    }
}
