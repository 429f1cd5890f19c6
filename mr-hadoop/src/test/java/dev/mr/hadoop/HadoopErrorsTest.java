package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.hadoop.hdfs.protocol.DSQuotaExceededException;
import org.apache.hadoop.ipc.RemoteException;
import org.junit.jupiter.api.Test;

/**
 * The refusals a real NameNode is hard to provoke into (a quota, a message-less timeout) still
 * reach the user as one line naming the path, without the stack trace the NameNode sends inside
 * its message: this pins the translation rules that HdfsFileSystemTest cannot reach.
 */
class HadoopErrorsTest {

    private static final FsPath PATH = FsPath.parse("hdfs://nn:8020/out/part-r-00000", "file");
    private static final String SERVER_STACK = "The DiskSpace quota of /out is exceeded: quota = 1 B but diskspace consumed = 3 B\n"
            + "\tat org.apache.hadoop.hdfs.server.namenode.DirectoryWithQuotaFeature.verifyStoragespaceQuota(DirectoryWithQuotaFeature.java:211)\n"
            + "\tat org.apache.hadoop.ipc.Server$Handler.run(Server.java:3198)";

    @Test
    void aServersRefusalKeepsItsFirstLineAndNoStack() {
        for (IOException thrown : new IOException[] {new RemoteException(DSQuotaExceededException.class.getName(), SERVER_STACK),
                new DSQuotaExceededException(SERVER_STACK)}) { // as sent, and as DFSClient unwraps it
            IOException e = HadoopErrors.translate(thrown, PATH, "hdfs", "nn:8020");
            assertEquals(PATH + ": The DiskSpace quota of /out is exceeded: quota = 1 B but diskspace consumed = 3 B", e.getMessage());
            assertNull(e.getCause(), "no cause carrying the server's stack");
        }
    }

    @Test
    void aLocalFailureKeepsItsCauseAndAWordlessOneIsNamedByItsType() {
        IOException local = new IOException("Checksum error");
        assertSame(local, HadoopErrors.translate(local, PATH, "hdfs", "nn:8020").getCause());
        IOException timeout = HadoopErrors.translate(new IOException(new SocketTimeoutException()), PATH, "hdfs", "nn:8020");
        assertEquals("the NameNode nn:8020 is not reachable (no answer in time: SocketTimeoutException), so " + PATH
                + " cannot be read or written: check that it runs and that the path, or fs.defaultFS, names its RPC address"
                + " (host:port, 8020 by default)", timeout.getMessage());
        assertEquals(PATH + ": IOException", HadoopErrors.translate(new IOException(), PATH, "hdfs", "nn:8020").getMessage());
    }

    @Test
    void anObjectStoresAccessDenialStaysOne() {
        FsPath object = FsPath.parse("s3a://bucket/in/a.txt", "file");
        IOException e = HadoopErrors.translate(new java.nio.file.AccessDeniedException("s3a://bucket/in/a.txt: getFileStatus on s3a://bucket/in/a.txt:"
                + " 403 Forbidden\n(Service: S3, Status Code: 403)"), object, "s3a", "bucket");
        assertInstanceOf(java.nio.file.AccessDeniedException.class, e);
        assertEquals("s3a://bucket/in/a.txt: getFileStatus on s3a://bucket/in/a.txt: 403 Forbidden", e.getMessage(), "the path once");
    }
}
