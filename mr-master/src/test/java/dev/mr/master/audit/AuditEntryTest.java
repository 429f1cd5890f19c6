package dev.mr.master.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Audit lines are read by tools that split on tabs and newlines, and some of their fields
 * come from the client: whatever a client sends, one request must stay one line of the agreed
 * fields, and a refusal for who sent it must read {@code allowed=false}.
 */
class AuditEntryTest {

    @Test
    void aLineHasTheFieldsInOrderAndNamesTheUserOrAnonymous() {
        assertEquals("1970-01-01T00:00:01Z\tallowed=true\tuser=alice\tip=10.0.0.7\tcmd=POST /api/v1/jobs/job_0003/kill\tstatus=202\tjob=job_0003",
                new AuditEntry(1000, "alice", "10.0.0.7", "POST", "/api/v1/jobs/job_0003/kill", 202, "job_0003", null, null).toLine());
        assertEquals("1970-01-01T00:00:01Z\tallowed=false\tuser=anonymous\tip=10.0.0.7\tcmd=POST /dfs/v1/master/rename\tstatus=403"
                        + "\tsrc=/a\tdst=/b",
                new AuditEntry(1000, null, "10.0.0.7", "POST", "/dfs/v1/master/rename", 403, null, "/a", "/b").toLine());
    }

    @Test
    void controlCharactersFromTheClientCannotStartAnotherLineOrField() {
        String line = new AuditEntry(0, "eve\nallowed=true", "1.2.3.4", "POST", "/dfs/v1/master/mkdirs", 200, null, "/x\tstatus=200\r\n", null)
                .toLine();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertEquals(7, line.split("\t").length, "time, allowed, user, ip, cmd, status, src: " + line);
    }
}
