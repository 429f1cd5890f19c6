package dev.mr.dfs;

import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.DfsOutput;
import java.util.Random;

/**
 * A writer for {@link WriterDeathTest} to kill: run in its own JVM, it writes {@code bytes}
 * of a file, says READY, and waits to be killed without closing anything.
 */
public final class WriterProcess {

    private WriterProcess() {}

    public static void main(String[] args) throws Exception {
        String master = args[0];
        String path = args[1];
        int bytes = Integer.parseInt(args[2]);
        DfsClient client = new DfsClient(master, TestClusters.fast());
        DfsOutput out = client.create(path, 0, 0);
        byte[] b = new byte[bytes];
        new Random(1).nextBytes(b);
        out.write(b);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
