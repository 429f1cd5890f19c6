package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.WorkerView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names a worker's machine goes by for locality (host names and addresses, matched with HDFS's
 * block hosts) arrive with its registration: the workers API shows them, a worker that predates
 * them still registers, and names that cannot be host names are refused with a 400 naming them.
 */
class WorkerHostNamesTest {

    @TempDir
    static Path tmp;
    static TestCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = TestCluster.start(tmp, TestCluster.fastConf(), 0);
    }

    @AfterAll
    static void stop() {
        if (c != null) c.close();
    }

    @Test
    void theNamesAWorkerRegisteredShowInTheWorkersApi() throws Exception {
        RegisterRequest r = new RegisterRequest("w-named", "127.0.0.1:9201", "http://127.0.0.1:9201", 2, 0)
                .named(List.of("dn-a.example.com", "10.0.0.7"));
        assertEquals(200, c.api.postJson("/api/v1/workers/register", r).status());
        assertEquals(List.of("dn-a.example.com", "10.0.0.7"), worker("w-named").hostNames());
        RegisterRequest again = r.holding(List.of(), List.of());
        assertEquals(List.of("dn-a.example.com", "10.0.0.7"), again.hostNames(), "registering again (a restarted master) keeps the names");
    }

    @Test
    void aWorkerThatPredatesHostNamesRegistersWithNone() throws Exception {
        String old = "{\"workerId\": \"w-old-names\", \"host\": \"127.0.0.1:9202\", \"address\": \"http://127.0.0.1:9202\", \"slots\": 1}";
        Api.Reply reply = c.api.post("/api/v1/workers/register", "application/json", old.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, reply.status(), reply.text());
        assertEquals(List.of(), worker("w-old-names").hostNames());
    }

    @Test
    void namesThatCannotBeHostNamesAreRefused() throws Exception {
        ApiErrorsTest.problem(400, "registration of w-bad has host name 'dn a'; give host names and addresses as DNS spells them",
                c.api.postJson("/api/v1/workers/register", named("w-bad", List.of("dn-a", "dn a"))));
        ApiErrorsTest.problem(400, "registration of w-bad has host name ''", c.api.postJson("/api/v1/workers/register", named("w-bad", List.of(""))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) many.add("n" + i);
        ApiErrorsTest.problem(400, "registration of w-bad has 33 hostNames; give at most 32",
                c.api.postJson("/api/v1/workers/register", named("w-bad", many)));
    }

    private static RegisterRequest named(String id, List<String> names) {
        return new RegisterRequest(id, "127.0.0.1:9203", "http://127.0.0.1:9203", 1, 0).named(names);
    }

    private static WorkerView worker(String id) throws Exception {
        List<WorkerView> all = c.api.get("/api/v1/workers").as(new TypeReference<List<WorkerView>>() {});
        return all.stream().filter(w -> w.workerId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no worker " + id + " in " + all));
    }
}
