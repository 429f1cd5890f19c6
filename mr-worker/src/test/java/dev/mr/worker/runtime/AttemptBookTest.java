package dev.mr.worker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.AttemptReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The book decides what each heartbeat says; the scheduler takes an attempt that is not
 * mentioned as lost and keeps the first counters it is sent, so the book must list every
 * running attempt, resend an outcome unchanged until a heartbeat carrying it is answered, and
 * never drop an outcome that arrived after the heartbeat was built.
 */
class AttemptBookTest {

    static final AttemptId A = TaskId.map("job_0001", 0).attempt(0);
    static final AttemptId B = TaskId.reduce("job_0001", 1).attempt(0);

    static AttemptBook.Live live(double progress, int known) {
        return live(progress, known, null);
    }

    static AttemptBook.Live live(double progress, int known, String status) {
        return new AttemptBook.Live() {
            @Override
            public double progress() {
                return progress;
            }

            @Override
            public int mapOutputsKnown() {
                return known;
            }

            @Override
            public String statusMessage() {
                return status;
            }
        };
    }

    static AttemptReport finished(AttemptId a) {
        return new AttemptReport(a.toString(), AttemptReport.FINISHED, 1, 0, Map.of("g", Map.of("c", 1L)), null, null);
    }

    @Test
    void listsEveryRunningAttemptWithItsFigures() {
        AttemptBook book = new AttemptBook();
        book.started(A, live(0.25, 0, "halfway"));
        book.started(B, live(Double.NaN, 3));
        assertEquals(List.of(new AttemptReport(A.toString(), AttemptReport.RUNNING, 0.25, 0, null, null, null, null, "halfway"),
                new AttemptReport(B.toString(), AttemptReport.RUNNING, 0, 3, null, null, null)), book.next().reports());
    }

    @Test
    void resendsAnOutcomeUntilTheHeartbeatCarryingItIsAnswered() {
        AttemptBook book = new AttemptBook();
        book.started(A, live(0.5, 0));
        AttemptReport done = finished(A);
        book.ended(A, done);
        book.ended(A, finished(A)); // a second outcome does not replace the first
        AttemptBook.Beat failed = book.next();
        assertSame(done, failed.reports().get(0));
        AttemptBook.Beat again = book.next(); // the first heartbeat failed: nothing was answered
        assertSame(done, again.reports().get(0));
        book.answered(again);
        assertEquals(List.of(), book.next().reports());
    }

    @Test
    void anOutcomeRecordedAfterTheHeartbeatWasBuiltIsNotDropped() {
        AttemptBook book = new AttemptBook();
        book.started(A, live(0.5, 0));
        AttemptBook.Beat beat = book.next(); // carries A as running
        book.ended(A, finished(A));
        book.answered(beat);
        assertEquals(List.of(finished(A)), book.next().reports());
    }

    @Test
    void aForgottenAttemptIsNotReportedAndItsLateOutcomeIsIgnored() {
        AttemptBook book = new AttemptBook();
        book.started(A, live(0.5, 0));
        book.forget(A);
        book.ended(A, finished(A));
        assertEquals(List.of(), book.next().reports());
    }
}
