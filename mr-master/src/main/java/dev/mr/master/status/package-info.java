/**
 * What the web page's endpoints compute, as pure functions of snapshots: choosing one page of a
 * long list ({@link dev.mr.master.status.Paging}, {@link dev.mr.master.status.JobListing},
 * {@link dev.mr.master.status.TaskTable}), per-phase duration percentiles
 * ({@link dev.mr.master.status.PhaseStatistics}), the timeline's layout
 * ({@link dev.mr.master.status.TimelineLayout}) and the storage page's views
 * ({@link dev.mr.master.status.StorageViews}). No threads, clocks, I/O or Vert.x: the time comes
 * in as an argument, and every result is deterministic (ties broken by id). Malformed requests
 * are an {@link java.lang.IllegalArgumentException} whose message names the parameter; the
 * caller turns it into a 400.
 */
package dev.mr.master.status;
