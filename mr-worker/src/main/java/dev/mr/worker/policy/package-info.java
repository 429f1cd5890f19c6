/**
 * The worker's decision logic, pure: which map outputs a reduce attempt fetches next and when it
 * tries again ({@link dev.mr.worker.policy.FetchPlan}, {@link dev.mr.worker.policy.FetchRetryPolicy}),
 * and how long to wait after failures ({@link dev.mr.api.spi.Backoff}, in mr-api because the dfs client
 * backs off by it too). Time comes in as an argument; nothing here touches a clock, a thread, a
 * socket or the disk, so the tests drive it step by step.
 */
package dev.mr.worker.policy;
