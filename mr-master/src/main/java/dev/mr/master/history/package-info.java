/**
 * Job history: what the master keeps of an ended job beyond its summary (its tasks, attempts
 * with their errors and log tails, and so its statistics and timeline), on disk under
 * {@code <master dir>/history/}, so that a job's page shows it in full after the master
 * restarted, within {@code mr.master.retained.jobs} jobs and {@code mr.master.history.max.mb}.
 * {@link dev.mr.master.history.JobHistory} is what is kept, {@link dev.mr.master.history.HistoryFormat}
 * its bytes, {@link dev.mr.master.history.HistoryStore} the directory,
 * {@link dev.mr.master.history.Retention} which files stay, {@link dev.mr.master.history.HistoryCache}
 * the few loaded ones, and {@link dev.mr.master.history.JobDetail} what they serve. The job
 * journal keeps every ended job's summary; this package never touches it. No Vert.x here.
 */
package dev.mr.master.history;
