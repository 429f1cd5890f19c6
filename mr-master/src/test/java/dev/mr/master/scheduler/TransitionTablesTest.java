package dev.mr.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tables are the specification of each entity's life: a pair they do not list must fail loudly
 * (a scheduler bug), a pair listed as ignored must be quietly absorbed, and a decision outside the
 * listed targets must be refused. Printing them keeps them readable for the design notes.
 */
class TransitionTablesTest {

    @Test
    void anUnlistedPairIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Task.TABLE.handles("job_0001_m_000000", TaskState.SUCCEEDED, Task.Trigger.ATTEMPT_FAILED));
        assertEquals("task job_0001_m_000000 in state SUCCEEDED cannot take ATTEMPT_FAILED", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Worker.TABLE.handles("w1", WorkerState.DEAD, Worker.Trigger.EXPIRED));
        assertThrows(IllegalStateException.class, () -> Job.TABLE.handles("job_0001", JobPhase.RUNNING, Job.Trigger.TASK_KILLED));
    }

    @Test
    void anIgnoredPairIsAbsorbed() {
        assertFalse(Attempt.TABLE.handles("a", AttemptState.KILLED, Attempt.Trigger.FINISHED_REPORTED));
        assertFalse(Job.TABLE.handles("j", JobPhase.SUCCEEDED, Job.Trigger.KILL_REQUESTED));
        assertTrue(Job.TABLE.handles("j", JobPhase.RUNNING, Job.Trigger.KILL_REQUESTED));
    }

    @Test
    void aTargetOutsideTheTableIsRefused() {
        assertEquals(TaskState.WAITING, Task.TABLE.move("t", TaskState.RUNNING, Task.Trigger.ATTEMPT_FAILED, TaskState.WAITING));
        assertThrows(IllegalStateException.class,
                () -> Task.TABLE.move("t", TaskState.RUNNING, Task.Trigger.ATTEMPT_FAILED, TaskState.SUCCEEDED));
    }

    @Test
    void aPairCannotBeBothATransitionAndIgnored() {
        assertThrows(IllegalArgumentException.class, () -> Transitions.builder("x", WorkerState.class, Worker.Trigger.class)
                .on(WorkerState.ALIVE, Worker.Trigger.EXPIRED, WorkerState.DEAD)
                .ignore(Worker.Trigger.EXPIRED, WorkerState.ALIVE));
    }

    @Test
    void everyAttemptReportIsEitherHandledOrIgnoredInEveryState() {
        for (AttemptState s : AttemptState.values()) {
            for (Attempt.Trigger t : new Attempt.Trigger[] {Attempt.Trigger.RUNNING_REPORTED, Attempt.Trigger.FINISHED_REPORTED,
                    Attempt.Trigger.FAILED_REPORTED, Attempt.Trigger.LOST_REPORTED, Attempt.Trigger.COMMIT_DONE, Attempt.Trigger.COMMIT_FAILED,
                    Attempt.Trigger.FETCH_FAILURE_REPORTED}) {
                Attempt.TABLE.handles("a", s, t); // reports come from outside: none may be an error
            }
        }
        for (JobPhase p : JobPhase.values()) {
            for (Job.Trigger t : new Job.Trigger[] {Job.Trigger.KILL_REQUESTED, Job.Trigger.JOB_COMMIT_DONE, Job.Trigger.JOB_COMMIT_FAILED}) {
                Job.TABLE.handles("j", p, t);
            }
        }
    }

    @Test
    void tablesPrintAsMarkdown() {
        String md = Task.TABLE.toMarkdown();
        assertTrue(md.contains("| RUNNING | ATTEMPT_FAILED | [WAITING, RUNNING, FAILED] |"), md);
        assertTrue(md.contains("| COMMITTING | COMMIT_REQUESTED | (ignored) |"), md);
        assertTrue(Job.TABLE.toMarkdown().startsWith("| job state | trigger | to |"));
        assertTrue(Attempt.TABLE.toMarkdown().contains("| SUCCEEDED | OUTPUT_LOST | [KILLED] |"));
        assertTrue(Worker.TABLE.toMarkdown().contains("| DEAD | HEARTBEAT_RECEIVED | (ignored) |"));
    }
}
