/**
 * The master's scheduler: a pure, single-threaded state machine that decides which worker runs
 * which task attempt, when work is re-run, which attempt commits, and when a job ends.
 *
 * <p>The edge drives a {@link dev.mr.master.scheduler.Scheduler} with
 * {@link dev.mr.master.scheduler.Event}s (job submitted or kill requested, worker registered,
 * heartbeat with attempt reports, fetch failure reported, task or job commit finished or failed,
 * ticked), each carrying its time, and carries out the {@link dev.mr.master.scheduler.Effect}s
 * returned: the answer to the worker that asked (accept, re-register, assign, kill, map output
 * locations, clean up) and I/O to perform and report back (commit task, commit job, abort job).
 * Read-only snapshots ({@link dev.mr.master.scheduler.JobStatus},
 * {@link dev.mr.master.scheduler.TaskStatus}, {@link dev.mr.master.scheduler.AttemptStatus},
 * {@link dev.mr.master.scheduler.WorkerStatus}) serve the REST API and the web page.
 *
 * <p>Each entity's life is an explicit transition table at the top of its class: {@code Job},
 * {@code Task}, {@code Attempt} and {@code Worker} (package-private); every (state, trigger) pair
 * is a transition, deliberately ignored (stale and duplicate reports), or an error. Settings are
 * read by {@link dev.mr.master.scheduler.JobSettings} (per job) and
 * {@link dev.mr.master.scheduler.SchedulerSettings} (cluster-wide).
 */
package dev.mr.master.scheduler;
