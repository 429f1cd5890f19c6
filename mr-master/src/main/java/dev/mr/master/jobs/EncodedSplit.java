package dev.mr.master.jobs;

import dev.mr.master.scheduler.MapSplit;
import java.util.List;

/**
 * One map task's input split as the master keeps, journals and hands to workers: the split
 * itself as base64 Kryo text, opaque here (only workers decode it, with the job's class
 * loader), plus what the scheduler and the task page need without the job's classes.
 *
 * @param path  the file it reads as the job lists it, or null
 * @param hosts where its data lies: the advertised {@code host:port} of each chunk server holding a replica
 */
public record EncodedSplit(String split, String path, long length, List<String> hosts) {

    public EncodedSplit {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public MapSplit toMapSplit(int index) {
        return new MapSplit(index, length, hosts);
    }
}
