package dev.mr.worker.runtime;

import dev.mr.api.Configuration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The names this worker's machine goes by where another store says which hosts hold a block:
 * HDFS names a DataNode by its host name and its address, and a split of HDFS input lists those
 * (see {@code dev.mr.api.fs.FileSystem#locations}). The worker registers them, besides its dfs-lite
 * {@code host:port}, so that the master runs such a split's map on the DataNode's host, as Hadoop
 * matches NodeManager host names with block hosts. Given by {@value #KEY} (comma-separated; the
 * daemon's {@code --hostname}); by default {@link #ofThisMachine()}. Stateless.
 */
public final class MachineNames {

    public static final String KEY = "mr.worker.hostname";

    private MachineNames() {}

    /**
     * The names {@value #KEY} gives, else {@link #ofThisMachine()}.
     *
     * @throws IllegalArgumentException naming the setting, for a name with a space
     */
    public static List<String> from(Configuration conf) {
        if (!conf.isSet(KEY)) return ofThisMachine();
        List<String> names = conf.getList(KEY);
        if (names.isEmpty()) throw new IllegalArgumentException(KEY + " is empty; give this machine's host names, comma-separated, or leave it unset");
        for (String n : names) {
            if (n.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException(KEY + " has '" + n + "'; give host names or addresses without spaces, comma-separated");
            }
        }
        return List.copyOf(names);
    }

    /**
     * This machine's names as a DataNode on it reports them when nothing is configured (Hadoop's
     * {@code DNS.getDefaultHost("default")} and {@code getDefaultIP("default")}): its canonical host
     * name and its address; neither when it is only {@code localhost} or a loopback address, which
     * would name every machine.
     */
    public static List<String> ofThisMachine() {
        List<String> out = new ArrayList<>(2);
        try {
            InetAddress self = InetAddress.getLocalHost();
            String name = self.getCanonicalHostName();
            if (!name.equals("localhost") && !name.equals(self.getHostAddress())) out.add(name);
            if (!self.isLoopbackAddress()) out.add(self.getHostAddress());
        } catch (UnknownHostException e) {
            // no name to go by: HDFS input is read without locality
        }
        return List.copyOf(out);
    }
}
