package dev.mr.protocol;

import java.util.List;

/**
 * The master's answer to a heartbeat.
 *
 * @param reregister  the worker's incarnation is unknown or was declared dead: drop every
 *                    attempt and map output and register again
 * @param assignments attempts to start
 * @param kills       attempts to stop (and their map output to drop)
 * @param mapOutputs  new map output entries for running reduce attempts
 * @param cleanUpJobs jobs that ended: their local files and cached jar may go
 */
public record HeartbeatResponse(boolean reregister, List<Assignment> assignments, List<String> kills,
                                List<MapOutputs> mapOutputs, List<String> cleanUpJobs) {}
