package dev.mr.master;

import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.UserToken;
import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.FailingMapper;
import dev.mr.master.testjob.SlowMapper;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.PhaseStats;
import dev.mr.protocol.StorageView;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.WorkerView;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.runtime.WorkerSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web page as a user sees it, in headless Chromium, against a real cluster in this JVM
 * ({@link LocalCluster}: the master and three worker daemons over loopback HTTP): real jobs run,
 * then the jobs page, the job page reached by its link, a failed attempt's stack trace, a job
 * named like a script, the kill button, the workers and the storage pages. What a page shows is
 * compared with what the REST API answers, so the page neither drops nor invents anything.
 * Screenshots of every page go to {@code target/screenshots/} for a reviewer to look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesBrowserTest {

    static final String XSS = "<script>alert(1)</script>";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    static LocalCluster cluster;
    static Browser browser;
    static String base;
    static String wordCount;
    static String failing;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireInstalled();
        AttemptLogs.install(null); // what a worker daemon does: attempts' output is kept for their failure reports
        Configuration conf = TestCluster.fastConf().setInt(DfsSettings.REPLICATION, 2).setLong(WorkerSettings.HEARTBEAT_MS, 100);
        cluster = LocalCluster.start(tmp, conf, 3, 2);
        base = cluster.master.url();
        put(conf, "/in/words.txt", words(600_000));
        byte[] jar = TestJars.of(WordMapper.class, CountReducer.class, FailingMapper.class, SlowMapper.class);
        wordCount = submit(jar, Map.of(ConfKeys.JOB_NAME, "word count", ConfKeys.MAPPER, WordMapper.class.getName(),
                ConfKeys.COMBINER, CountReducer.class.getName(), ConfKeys.REDUCER, CountReducer.class.getName(),
                ConfKeys.REDUCERS, "3", ConfKeys.INPUT_PATHS, "/in/words.txt", ConfKeys.OUTPUT_PATH, "/out/words"));
        failing = submit(jar, Map.of(ConfKeys.JOB_NAME, XSS, ConfKeys.MAPPER, FailingMapper.class.getName(),
                ConfKeys.REDUCER, CountReducer.class.getName(), ConfKeys.INPUT_PATHS, "/in/words.txt", ConfKeys.OUTPUT_PATH, "/out/failing",
                JobSettings.TASK_MAX_ATTEMPTS, "2"));
        assertEquals("SUCCEEDED", cluster.api.awaitJob(wordCount, 120_000, v -> isFinal(v.state())).state());
        assertEquals("FAILED", cluster.api.awaitJob(failing, 120_000, v -> isFinal(v.state())).state());
        browser = Browser.start(tmp);
        slowJar = jar;
        logIn();
    }

    /** Not logged in, the page says how to; the token link logs in and leaves no token in the address. */
    static void logIn() {
        browser.driver.get(base + "/");
        browser.until(d -> !d.findElements(By.id("banner-login")).isEmpty());
        // the jobs were submitted by requests signed as "mr": log in as their owner, who may kill them
        String token = ClusterSecretExtension.security().credentials().keys()
                .mint(new UserToken("mr", false, System.currentTimeMillis() + 3600_000));
        browser.driver.get(base + "/?token=" + token);
        browser.until(d -> d.getCurrentUrl().equals(base + "/"));
        assertTrue(browser.driver.findElements(By.id("banner-login")).isEmpty(), "logged in: no login banner");
    }

    static byte[] slowJar;

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (cluster != null) cluster.close();
        AttemptLogs.uninstall();
    }

    @Test
    @Order(1)
    void theJobsPageLinksToAJobPageWhoseCountersTasksAndFiguresAreTheApis() throws Exception {
        browser.driver.get(base + "/");
        List<JobView> jobs = cluster.api.jobs().items();
        // the page redraws every 2 s: compare what it shows as a whole, looking again until it settles
        assertShown(jobs.stream().map(j -> List.of(j.jobId(), j.name(), j.state())).toList(),
                d -> d.findElements(By.cssSelector("#jobs-table tbody tr[data-job]")).stream().map(r -> List.of(r.getDomAttribute("data-job"),
                        r.findElement(By.cssSelector("a.job-name")).getText(), r.findElement(By.cssSelector(".c-state")).getText())).toList());
        browser.screenshot(SCREENSHOTS, "jobs");

        browser.click(By.cssSelector("tr[data-job='" + wordCount + "'] a.job-link"));
        browser.until(ExpectedConditions.urlContains("job.html?id=" + wordCount));
        JobView job = cluster.api.job(wordCount);
        browser.until(d -> d.findElement(By.cssSelector("#job-state .badge")).getText().equals("SUCCEEDED"));
        assertEquals("word count", browser.driver.findElement(By.id("job-name")).getText());
        assertEquals(job.command(), browser.js("return document.getElementById('command').textContent;"));

        // counters: every group and name, with its exact value
        Map<String, Long> expected = new TreeMap<>();
        job.counters().forEach((g, names) -> names.forEach((n, v) -> expected.put(g + "/" + n, v)));
        Map<String, Long> shown = browser.until(d -> {
            Map<String, Long> m = new TreeMap<>();
            for (WebElement r : d.findElements(By.cssSelector("#counters tr[data-name]"))) {
                m.put(r.getDomAttribute("data-group") + "/" + r.getDomAttribute("data-name"),
                        Long.parseLong(r.findElement(By.cssSelector("td.value")).getDomAttribute("data-value")));
            }
            return m.size() == expected.size() ? m : null;
        });
        assertEquals(expected, shown);
        assertTrue(expected.get("Framework/MAP_INPUT_RECORDS") > 0, expected.toString());
        // the mapper's own group, beside the built-in one: one WORDS per word, one <i>LINES</i> per line
        assertEquals(expected.get("Framework/MAP_INPUT_RECORDS"), expected.get(WordMapper.GROUP + "/<i>LINES</i>"), expected.toString());
        assertEquals(expected.get("Framework/MAP_OUTPUT_RECORDS"), expected.get(WordMapper.GROUP + "/WORDS"), expected.toString());
        assertTrue(browser.driver.findElements(By.cssSelector("#counters i")).isEmpty(), "markup in a counter name stays text");

        // the task table: the API's first page, row by row
        assertTaskRows(cluster.api.tasks(wordCount, "?limit=50").items());

        // sorted by the master: longest first
        browser.click(By.cssSelector("#tasks-head th[data-sort='duration']"));
        browser.until(d -> !d.findElements(By.cssSelector("#tasks-head th.sorted-desc[data-sort='duration']")).isEmpty());
        List<TaskView> byDuration = cluster.api.tasks(wordCount, "?sort=duration&order=desc&limit=50").items();
        browser.until(d -> taskIds().equals(byDuration.stream().map(TaskView::taskId).toList()));
        // filtered by the master: reduces only
        browser.click(By.cssSelector("#type-tabs button[data-value='reduce']"));
        Page<TaskView> reduces = cluster.api.tasks(wordCount, "?type=reduce&sort=duration&order=desc&limit=50");
        browser.until(d -> taskIds().equals(reduces.items().stream().map(TaskView::taskId).toList()));
        assertEquals(3, reduces.total());
        browser.click(By.cssSelector("#type-tabs button[data-value='']"));
        browser.click(By.cssSelector("#tasks-head th[data-sort='task']"));
        List<String> inJobOrder = cluster.api.tasks(wordCount, "?limit=50").items().stream().map(TaskView::taskId).toList();
        browser.until(d -> taskIds().equals(inJobOrder));

        // phase percentiles and the timeline, as the API figures them
        JobStats stats = cluster.api.get("/api/v1/jobs/" + wordCount + "/stats").as(JobStats.class);
        for (PhaseStats p : stats.phases()) {
            List<String> ms = browser.driver.findElements(By.cssSelector(".card.phase[data-phase='" + p.phase() + "'] .percentiles .v"))
                    .stream().map(e -> e.getDomAttribute("data-ms")).toList();
            assertEquals(List.of(p.p50(), p.p90(), p.p99(), p.max()).stream().map(String::valueOf).toList(), ms, p.phase());
        }
        Timeline timeline = cluster.api.get("/api/v1/jobs/" + wordCount + "/timeline").as(Timeline.class);
        assertEquals(timeline.shown(), browser.driver.findElements(By.cssSelector("svg.timeline rect.bar")).size());
        assertEquals(timeline.rows().size(), browser.driver.findElements(By.cssSelector("svg.timeline g.row")).size());
        assertEquals(job.maps() + job.reduces(), timeline.attempts(), "one attempt per task in a run without failures");
        browser.screenshot(SCREENSHOTS, "job");
        // the README's picture (docs/job-page.png is a copy): smaller, to keep the repository light
        browser.screenshot(SCREENSHOTS, "job-page", 0.75);
    }

    @Test
    @Order(2)
    void aFailedAttemptShowsItsExceptionStackTraceAndLogTail() throws Exception {
        browser.driver.get(base + "/job.html?id=" + failing);
        browser.until(d -> d.findElement(By.cssSelector("#job-state .badge")).getText().equals("FAILED"));
        String diagnostics = browser.until(d -> d.findElement(By.id("diagnostics-text"))).getText();
        assertTrue(diagnostics.contains("failed 2 times"), diagnostics);

        browser.click(By.cssSelector("#task-state-tabs button[data-value='failed']"));
        Page<TaskView> failedTasks = cluster.api.tasks(failing, "?state=failed");
        assertEquals(1, failedTasks.total());
        TaskView task = failedTasks.items().get(0);
        browser.until(d -> taskIds().equals(List.of(task.taskId())));
        browser.click(By.cssSelector("tr.task[data-task='" + task.taskId() + "'] button.expand"));
        AttemptView failed = task.attempts().stream().filter(a -> a.state().equals("FAILED")).findFirst().orElseThrow();
        browser.click(By.cssSelector("tr.attempt[data-attempt='" + failed.attemptId() + "'] .trace-button"));
        WebElement error = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("attempt-error")));

        AttemptView fromApi = cluster.api.get("/api/v1/jobs/" + failing + "/attempts/" + failed.attemptId()).as(AttemptView.class);
        assertEquals(fromApi.error(), browser.js("return arguments[0].textContent;", error), "the whole stack trace, as the master kept it");
        // which split fails first is a race; its offset is in both the exception and the log
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("IllegalStateException: cannot parse the record at offset (\\d+): <b>not a number</b>")
                .matcher(fromApi.error());
        assertTrue(m.find(), fromApi.error());
        assertTrue(fromApi.error().contains("FailingMapper.map(FailingMapper.java:"), fromApi.error());
        assertTrue(browser.driver.findElements(By.cssSelector("#attempt-error b")).isEmpty(), "markup in a message stays text");
        String log = (String) browser.js("return document.getElementById('attempt-log').textContent;");
        assertEquals(fromApi.log(), log);
        assertTrue(log.contains("FailingMapper: about to fail on the record at offset " + m.group(1)), log);
        browser.screenshot(SCREENSHOTS, "job-failed-attempt");
    }

    @Test
    @Order(3)
    void aJobNamedLikeAScriptShowsItsNameAsText() throws Exception {
        browser.driver.get(base + "/");
        WebElement name = browser.until(d -> d.findElement(By.cssSelector("tr[data-job='" + failing + "'] a.job-name")));
        assertEquals(XSS, name.getText());
        assertNoAlert();
        assertEquals(0L, browser.js("return document.querySelectorAll('main script').length;"));

        browser.driver.get(base + "/job.html?id=" + failing);
        browser.until(d -> d.findElement(By.id("job-name")).getText().equals(XSS));
        assertNoAlert();
        assertTrue(browser.driver.getTitle().startsWith(XSS), browser.driver.getTitle());
        assertEquals(0L, browser.js("return document.querySelectorAll('main script').length;"));
        String command = (String) browser.js("return document.getElementById('command').textContent;");
        assertTrue(command.contains("--name '" + XSS + "'"), command);
    }

    @Test
    @Order(4)
    void theKillButtonAsksFirstThenKillsTheJob() throws Exception {
        String slow = submit(slowJar, Map.of(ConfKeys.JOB_NAME, "slow job", ConfKeys.MAPPER, SlowMapper.class.getName(),
                ConfKeys.REDUCER, CountReducer.class.getName(), ConfKeys.INPUT_PATHS, "/in/words.txt", ConfKeys.OUTPUT_PATH, "/out/slow"));
        cluster.api.awaitJob(slow, 60_000, v -> v.state().equals("RUNNING"));
        browser.driver.get(base + "/job.html?id=" + slow);
        browser.until(ExpectedConditions.elementToBeClickable(By.id("kill")));
        browser.until(d -> !d.findElements(By.cssSelector("svg.timeline rect.bar.RUNNING")).isEmpty());
        browser.screenshot(SCREENSHOTS, "job-running");

        // a running attempt's row shows its task's status message (SlowMapper sets one per line), as text
        TaskView running = awaitStatusShown(slow);
        String attempt = running.attempts().get(running.attempts().size() - 1).attemptId();
        browser.click(By.cssSelector("tr.task[data-task='" + running.taskId() + "'] button.expand"));
        String status = browser.until(d -> (String) browser.js("const e = document.querySelector("
                + "\"tr.attempt[data-attempt='" + attempt + "'] .status-message\"); return e ? e.textContent : null;"));
        assertTrue(status.startsWith(SlowMapper.STATUS), status);
        assertTrue(browser.driver.findElements(By.cssSelector("tr.attempt .status-message b")).isEmpty(), "markup in a status message stays text");
        browser.screenshot(SCREENSHOTS, "job-running-attempt-status");

        // count the page's POSTs: confirm() blocks the click handler, so once the dialog is
        // answered the handler has either sent its request or returned, before any later script runs
        browser.js("window.mrPosts = 0; const f = window.fetch;"
                + " window.fetch = (u, o) => { if (o && o.method === 'POST') window.mrPosts++; return f(u, o); };");
        browser.click(By.id("kill"));
        Alert confirm = browser.until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains("Kill job " + slow + " (slow job)?"), confirm.getText());
        confirm.dismiss();
        assertEquals(0L, browser.js("return window.mrPosts;"), "dismissed: no request sent");
        assertEquals("RUNNING", cluster.api.job(slow).state(), "dismissed: the job runs on");

        browser.click(By.id("kill"));
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        browser.until(d -> d.findElement(By.cssSelector("#job-state .badge")).getText().equals("KILLED"));
        assertEquals("KILLED", cluster.api.job(slow).state());
        assertFalse(browser.driver.findElement(By.id("kill")).isDisplayed(), "no kill button on an ended job");
        // the attempts the kill stopped stay on the timeline, drawn as killed
        browser.until(d -> !d.findElements(By.cssSelector("svg.timeline rect.bar.KILLED")).isEmpty());
        browser.screenshot(SCREENSHOTS, "job-killed");
    }

    @Test
    @Order(5)
    void theWorkersPageShowsEveryWorkerAsTheApiDoes() throws Exception {
        browser.driver.get(base + "/workers.html");
        // worker id, address, state, slots, tasks run and failed, against the API's answer of the
        // moment (the killed job's attempts may still be winding down)
        assertShownAsAsked(() -> workers().stream().map(w -> List.of(w.workerId(), w.address(), w.state(), String.valueOf(w.slots()),
                        String.valueOf(w.tasksRun()), String.valueOf(w.tasksFailed()))).toList(),
                d -> d.findElements(By.cssSelector("#workers-table tbody tr[data-worker]")).stream().map(r -> List.of(r.getDomAttribute("data-worker"),
                        r.findElement(By.cssSelector(".c-address")).getText(), r.findElement(By.cssSelector(".c-state")).getText(),
                        r.findElement(By.cssSelector(".c-slots")).getDomAttribute("data-slots"),
                        r.findElement(By.cssSelector(".c-run")).getDomAttribute("data-value"),
                        r.findElement(By.cssSelector(".c-failed")).getDomAttribute("data-value"))).toList());
        List<WorkerView> workers = workers();
        assertEquals(3, workers.size());
        browser.until(d -> d.findElements(By.cssSelector("#workers-table td.c-chunks[data-value]")).size() == workers.size());
        assertTrue(workers.stream().mapToLong(WorkerView::tasksFailed).sum() >= 2, "the failing job's attempts count against workers");
        browser.screenshot(SCREENSHOTS, "workers");
    }

    @Test
    @Order(6)
    void theStoragePageShowsTheStoresHealthAndBrowsesItsNamespace() throws Exception {
        browser.driver.get(base + "/storage.html");
        List<String> keys = List.of("files", "bytes", "chunks", "healthy", "underReplicated", "corrupt", "missing", "copiesInFlight");
        assertShownAsAsked(() -> {
            StorageView v = cluster.api.get("/api/v1/storage").as(StorageView.class);
            return Map.of("files", v.files(), "bytes", v.bytes(), "chunks", v.chunks(), "healthy", v.healthy(),
                    "underReplicated", v.underReplicated(), "corrupt", v.corrupt(), "missing", v.missing(),
                    "copiesInFlight", v.copiesInFlight()).entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        }, d -> {
            Map<String, String> shown = new HashMap<>();
            for (WebElement c : d.findElements(By.cssSelector("#storage-summary .cell[data-key]"))) {
                if (keys.contains(c.getDomAttribute("data-key"))) shown.put(c.getDomAttribute("data-key"), c.getDomAttribute("data-value"));
            }
            return shown;
        });
        StorageView s = cluster.api.get("/api/v1/storage").as(StorageView.class);
        assertTrue(s.bytes() >= 600_000, "the input, one copy: " + s);
        browser.click(By.cssSelector("#listing a.dir[href*='path=%2Fin']"));
        browser.until(d -> !d.findElements(By.cssSelector("#listing tr[data-path='/in/words.txt']")).isEmpty());
        assertEquals("dfs:/in", browser.driver.findElement(By.id("crumbs")).getText());
        browser.driver.get(base + "/storage.html?path=/out/words");
        browser.until(d -> d.findElements(By.cssSelector("#listing tbody tr[data-path]")).size() == 4); // 3 parts and _SUCCESS
        browser.screenshot(SCREENSHOTS, "storage");
    }

    @Test
    @Order(7)
    void theWorkersPageShowsAWorkersMemoryAndItsExecutorsLinkedToTheirJobs() throws Exception {
        browser.driver.get(base + "/workers.html");
        browser.until(d -> d.findElements(By.cssSelector("#workers-table tbody tr[data-worker]")).size() == 3);
        // a worker with no slots (so it is given no task) that tells its memory and two executors
        FakeWorker w = new FakeWorker(cluster.api, "w-executors", "127.0.0.1:9", "http://127.0.0.1:9").register(0, 8192);
        w.heartbeat(0, List.of(new ExecutorView(wordCount, 4242, 300, 1024, List.of(wordCount + "_m_000000_0", wordCount + "_r_000001_0"), 1),
                new ExecutorView(failing, 4343, 20, 512, List.of(), 2)));

        WebElement memory = browser.until(d -> d.findElement(By.cssSelector("tr[data-worker='w-executors'] .c-memory[data-value]")));
        assertEquals("8192", memory.getDomAttribute("data-value"));
        assertEquals("8.00 GiB", memory.getText());
        List<WebElement> rows = browser.until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("tr.executors[data-executors-of='w-executors'] tbody tr[data-executor]"));
            return r.size() == 2 ? r : null;
        });
        WebElement first = rows.get(0);
        assertEquals("4242", first.getDomAttribute("data-executor"));
        assertEquals("job.html?id=" + wordCount, first.findElement(By.cssSelector(".c-job a")).getDomAttribute("href"));
        assertEquals("4242", first.findElement(By.cssSelector(".c-pid")).getText());
        WebElement heap = first.findElement(By.cssSelector(".c-heap"));
        assertEquals(List.of("300", "1024"), List.of(heap.getDomAttribute("data-used"), heap.getDomAttribute("data-max")));
        assertTrue(heap.getText().endsWith(" MiB"), heap.getText());
        assertEquals(wordCount + "_m_000000_0, " + wordCount + "_r_000001_0", first.findElement(By.cssSelector(".c-attempts")).getText());
        assertEquals("idle", rows.get(1).findElement(By.cssSelector(".c-attempts")).getText());
        browser.screenshot(SCREENSHOTS, "workers-executors");
    }

    // ---- helpers

    /**
     * Waits until the page shows {@code expected} (pages redraw as they refresh, so a first look
     * may be stale or half drawn); if it never does, fails with the difference from what it last showed.
     */
    /** The first running map task of {@code job} whose latest attempt shows a status message in the API; fails after 60 s. */
    static TaskView awaitStatusShown(String job) throws Exception {
        return awaitValue(Duration.ofSeconds(60), "a running map of " + job + " to show a status message", () -> {
            for (TaskView t : cluster.api.tasks(job, "?type=map&state=running").items()) {
                AttemptView a = t.attempts().get(t.attempts().size() - 1);
                if (a.statusMessage() != null && a.statusMessage().startsWith(SlowMapper.STATUS)) return t;
            }
            return null;
        });
    }

    static <T> void assertShown(T expected, Function<WebDriver, T> shown) {
        assertShownAsAsked(() -> expected, shown);
    }

    /** As above, against an expectation read anew (from the API) at each look. */
    static <T> void assertShownAsAsked(Callable<T> expected, Function<WebDriver, T> shown) {
        AtomicReference<T> want = new AtomicReference<>();
        AtomicReference<T> last = new AtomicReference<>();
        try {
            browser.until(d -> {
                try {
                    want.set(expected.call());
                } catch (Exception e) {
                    throw new IllegalStateException("asking the API: " + e, e);
                }
                last.set(shown.apply(d));
                return want.get().equals(last.get());
            });
        } catch (TimeoutException e) {
            assertEquals(want.get(), last.get(), "what the page showed when the wait ran out");
        }
    }

    static List<WorkerView> workers() throws IOException, InterruptedException {
        return cluster.api.get("/api/v1/workers").as(new TypeReference<List<WorkerView>>() {});
    }

    static List<String> taskIds() {
        return browser.driver.findElements(By.cssSelector("#tasks tbody tr.task")).stream().map(e -> e.getDomAttribute("data-task")).toList();
    }

    /** The task table shows exactly these tasks, in this order, with the API's state, attempts, worker and figures. */
    static void assertTaskRows(List<TaskView> tasks) {
        browser.until(d -> taskIds().equals(tasks.stream().map(TaskView::taskId).toList()));
        for (TaskView t : tasks) {
            WebElement row = browser.driver.findElement(By.cssSelector("tr.task[data-task='" + t.taskId() + "']"));
            assertEquals(t.state(), row.findElement(By.cssSelector(".c-state")).getText(), t.taskId());
            assertEquals(String.valueOf(t.attempts().size()), row.findElement(By.cssSelector(".c-attempts")).getDomAttribute("data-value"));
            assertEquals(t.worker(), row.findElement(By.cssSelector(".c-worker")).getText());
            long[] f = figures(t);
            assertEquals(String.valueOf(f[0]), row.findElement(By.cssSelector(".c-in-records")).getDomAttribute("data-value"), t.taskId());
            assertEquals(String.valueOf(f[1]), row.findElement(By.cssSelector(".c-in-bytes")).getDomAttribute("data-value"), t.taskId());
            assertEquals(String.valueOf(f[2]), row.findElement(By.cssSelector(".c-out-records")).getDomAttribute("data-value"), t.taskId());
            assertEquals(String.valueOf(f[3]), row.findElement(By.cssSelector(".c-out-bytes")).getDomAttribute("data-value"), t.taskId());
            String locality = row.findElement(By.cssSelector(".c-locality")).getText();
            assertEquals(t.type().equals("reduce") ? "\u2013" : t.dataLocal() ? "local" : "remote", locality, t.taskId());
        }
    }

    /** In records, in bytes, out records, out bytes, by the rule the page and TaskFigures follow. */
    static long[] figures(TaskView t) {
        Map<String, Long> c = t.counters().get("Framework");
        java.util.function.ToLongFunction<String> v = k -> c.getOrDefault(k, 0L);
        if (t.type().equals("map")) {
            return new long[] {v.applyAsLong("MAP_INPUT_RECORDS"), v.applyAsLong("MAP_INPUT_BYTES"),
                    v.applyAsLong("MAP_OUTPUT_RECORDS") + v.applyAsLong("OUTPUT_RECORDS"), v.applyAsLong("MAP_OUTPUT_BYTES") + v.applyAsLong("OUTPUT_BYTES")};
        }
        return new long[] {v.applyAsLong("REDUCE_INPUT_RECORDS"), v.applyAsLong("SHUFFLE_BYTES"), v.applyAsLong("OUTPUT_RECORDS"),
                v.applyAsLong("OUTPUT_BYTES")};
    }

    static void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "a script from a job's name ran");
    }

    static boolean isFinal(String state) {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("KILLED");
    }

    /**
     * Why the session cookie is SameSite=Strict and posts need X-XSRF-HEADER: a page from
     * another origin, opened in the logged-in browser, posts forms to kill a running job and to
     * submit one (and fires a no-cors fetch); the master must change nothing. The page is served
     * once from localhost (another site: the browser does not send the cookie at all) and once
     * from 127.0.0.1 on another port (same site, other origin: the cookie goes along, the header
     * cannot).
     */
    @Test
    @Order(20)
    void aPageFromAnotherOriginCannotKillOrSubmitThroughTheLoggedInBrowser() throws Exception {
        String slow = submit(slowJar, Map.of(ConfKeys.JOB_NAME, "target", ConfKeys.MAPPER, SlowMapper.class.getName(),
                ConfKeys.REDUCER, CountReducer.class.getName(), ConfKeys.INPUT_PATHS, "/in/words.txt", ConfKeys.OUTPUT_PATH, "/out/target"));
        cluster.api.awaitJob(slow, 60_000, v -> v.state().equals("RUNNING"));
        int jobsBefore = cluster.api.jobs().items().size();
        String page = "<!doctype html><html><body>"
                + "<iframe name=a></iframe><iframe name=b></iframe>"
                + "<form id=kill target=a method=post action='" + base + "/api/v1/jobs/" + slow + "/kill'></form>"
                + "<form id=submit target=b method=post enctype='multipart/form-data' action='" + base + "/api/v1/jobs'>"
                + "<input name=spec value='{\"conf\":{}}'><input name=jar value=x></form>"
                + "<script>let n = 0; for (const f of document.querySelectorAll('iframe')) f.onload = () => { n++; };"
                + "document.getElementById('kill').submit(); document.getElementById('submit').submit();"
                + "fetch('" + base + "/api/v1/jobs/" + slow + "/kill', {method: 'POST', mode: 'no-cors', credentials: 'include'})"
                + ".finally(() => { window.fetched = true; });"
                + "window.done = () => n >= 2 && window.fetched;</script></body></html>";
        com.sun.net.httpserver.HttpServer attacker = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", x -> {
            byte[] b = page.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        });
        attacker.start();
        try {
            for (String host : List.of("localhost", "127.0.0.1")) {
                browser.driver.get("http://" + host + ":" + attacker.getAddress().getPort() + "/attack.html");
                browser.until(d -> Boolean.TRUE.equals(browser.js("return window.done && window.done();")));
                assertEquals("RUNNING", cluster.api.job(slow).state(), "a post from " + host + " killed the job");
                assertEquals(jobsBefore, cluster.api.jobs().items().size(), "a post from " + host + " submitted a job");
            }
        } finally {
            attacker.stop(0);
            cluster.api.post("/api/v1/jobs/" + slow + "/kill", null, new byte[0]);
        }
    }

    /**
     * Yesterday's job in full: after the master restarted, an ended job's page shows its task
     * table as before, and a failed attempt's stack trace and log tail, from the job history.
     * Last, since the restart sends the workers to register again.
     */
    @Test
    @Order(30)
    void afterARestartAnEndedJobsPageShowsItsTasksAndAFailedAttemptsStackTrace() throws Exception {
        List<TaskView> wordTasks = cluster.api.tasks(wordCount, "?limit=50").items();
        TaskView task = cluster.api.tasks(failing, "?state=failed").items().get(0);
        String attemptId = task.attempts().stream().filter(a -> a.state().equals("FAILED")).findFirst().orElseThrow().attemptId();
        AttemptView before = cluster.api.get("/api/v1/jobs/" + failing + "/attempts/" + attemptId).as(AttemptView.class);
        Timeline timeline = cluster.api.get("/api/v1/jobs/" + wordCount + "/timeline").as(Timeline.class);

        cluster.restartMaster();

        browser.driver.get(base + "/job.html?id=" + wordCount);
        browser.until(d -> d.findElement(By.cssSelector("#job-state .badge")).getText().equals("SUCCEEDED"));
        assertEquals(wordTasks, cluster.api.tasks(wordCount, "?limit=50").items(), "the API serves the tasks as before the restart");
        assertTaskRows(wordTasks);
        browser.until(d -> d.findElements(By.cssSelector("svg.timeline rect.bar")).size() == timeline.shown());
        assertTrue(browser.driver.findElements(By.id("history-note-text")).isEmpty(), "no note: the job is kept whole");
        browser.screenshot(SCREENSHOTS, "job-after-restart");

        browser.driver.get(base + "/job.html?id=" + failing);
        browser.until(d -> d.findElement(By.cssSelector("#job-state .badge")).getText().equals("FAILED"));
        browser.click(By.cssSelector("#task-state-tabs button[data-value='failed']"));
        browser.until(d -> taskIds().equals(List.of(task.taskId())));
        browser.click(By.cssSelector("tr.task[data-task='" + task.taskId() + "'] button.expand"));
        browser.click(By.cssSelector("tr.attempt[data-attempt='" + attemptId + "'] .trace-button"));
        WebElement error = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("attempt-error")));
        assertEquals(before.error(), browser.js("return arguments[0].textContent;", error), "the whole stack trace, as before the restart");
        assertTrue(before.error().contains("FailingMapper.map(FailingMapper.java:"), before.error());
        assertEquals(before.log(), browser.js("return document.getElementById('attempt-log').textContent;"));
        browser.screenshot(SCREENSHOTS, "job-failed-attempt-after-restart");
    }

    static String submit(byte[] jar, Map<String, String> conf) throws IOException, InterruptedException {
        Api.Reply r = cluster.api.submit(jar, Api.spec(conf));
        assertEquals(201, r.status(), r.text());
        return r.as(SubmitResponse.class).jobId();
    }

    /** About {@code bytes} of text: lines of words from a small vocabulary, some far more common than others. */
    static byte[] words(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 100);
        java.util.Random random = new java.util.Random(42);
        while (sb.length() < bytes) {
            for (int i = 0; i < 10; i++) sb.append(i == 0 ? "" : " ").append("w").append((int) Math.abs(random.nextGaussian() * 300));
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a dfs file, retrying while the chunk servers have not yet announced themselves. */
    static void put(Configuration conf, String path, byte[] data) throws Exception {
        put(base, conf, path, data);
    }

    /** Writes a dfs file of the master at {@code base}, retrying while the chunk servers have not yet announced themselves. */
    static void put(String base, Configuration conf, String path, byte[] data) throws Exception {
        TestCluster.put(base, conf, path, data, Duration.ofSeconds(30));
    }
}
