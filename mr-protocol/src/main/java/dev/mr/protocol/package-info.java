/**
 * The wire messages of mr, serialized as JSON: between workers and the master
 * ({@code /api/v1/workers/register}, {@code /api/v1/heartbeat}, {@code /api/v1/fetch-failures}),
 * between {@code mr-submit} and the master ({@code /api/v1/jobs}), and the views the REST API
 * and the web page read. Plain records with no logic and no dependencies, so that neither
 * daemon imports the other. Ids travel in their string forms ({@code job_0001},
 * {@code job_0001_m_000003_0}).
 */
package dev.mr.protocol;
