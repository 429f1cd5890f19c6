package dev.mr.hadoop;

import dev.mr.api.fs.FsPath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.hdfs.server.namenode.SafeModeException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Turns what Hadoop's client throws into the exceptions mr's {@code FileSystem} contract names,
 * with messages a user can act on: the path, the store (a NameNode's host:port, a bucket), and the
 * store's own words, one line of them. A NameNode sends its stack trace inside the message of
 * every refusal; only its first line is kept, and such a refusal is not chained as a cause, so that
 * no page or log shows the server's stack. Pure: it only builds exceptions.
 */
final class HadoopErrors {

    private HadoopErrors() {}

    /**
     * @param store the authority the failed call went to ({@code nn:8020}, a bucket), as the client resolved it
     */
    static IOException translate(IOException e, FsPath path, String scheme, String store) {
        boolean remote = e instanceof RemoteException;
        IOException cause = remote ? ((RemoteException) e).unwrapRemoteException() : e;
        String said = said(cause);
        if (cause instanceof FileNotFoundException) return new FileNotFoundException(path + " does not exist");
        if (cause instanceof org.apache.hadoop.fs.FileAlreadyExistsException) return new FileAlreadyExistsException(path + " already exists");
        if (cause instanceof AccessControlException) {
            return new AccessDeniedException("permission denied: user " + user() + " may not access " + path + " (" + said + ")");
        }
        if (cause instanceof AccessDeniedException) return new AccessDeniedException(named(path, said)); // S3A's 403: a key, not a user
        if (cause instanceof PathIsNotEmptyDirectoryException) return new IOException(path + " is a non-empty directory; delete it recursively");
        if (cause instanceof ParentNotDirectoryException) return new IOException(path + " cannot exist: a parent of it is a file (" + said + ")");
        if (cause instanceof SafeModeException) {
            return new IOException("the " + store(scheme, store) + " is in safe mode and refuses to change " + path
                    + "; retry when it has left safe mode (hdfs dfsadmin -safemode get)");
        }
        Throwable unreachable = unreachable(cause);
        if (unreachable != null) return unreachable(path, scheme, store, unreachable, cause);
        if (!remote && scheme.equals("hdfs") && said.contains("exceeds maximum data length")) {
            IOException out = new IOException(store + " did not answer as a NameNode (" + said + "), so " + path
                    + " cannot be read or written: is it the NameNode's RPC port (8020 by default) rather than its web port (9870)?");
            out.initCause(cause);
            return out;
        }
        IOException out = new IOException(named(path, said));
        if (!fromServer(e, cause)) out.initCause(cause);
        return out;
    }

    /** The store of {@code path} could not be reached: no such host, nothing listening, or no answer in time. */
    static IOException unreachable(FsPath path, String scheme, String store, Throwable why, Throwable cause) {
        String reason = why instanceof UnknownHostException ? "unknown host"
                : why instanceof SocketTimeoutException ? "no answer in time: " + said(why).replaceFirst("\\. ch : .*", "")
                : said(why).replaceFirst(";\\s*For more details see:.*", "");
        String advice = scheme.equals("hdfs")
                ? ": check that it runs and that the path, or fs.defaultFS, names its RPC address (host:port, 8020 by default)"
                : ": check the endpoint and the network";
        IOException out = new IOException("the " + store(scheme, store) + " is not reachable (" + reason + "), so " + path
                + " cannot be read or written" + advice);
        out.initCause(cause);
        return out;
    }

    /** A path that names no NameNode (or bucket) where fs.defaultFS names none of this scheme either. */
    static IOException noAuthority(FsPath path, String scheme, String defaultFs) {
        String what = scheme.equals("hdfs") ? "NameNode" : scheme.equals("s3a") ? "bucket" : "authority";
        String example = scheme.equals("hdfs") ? "hdfs://NAMENODE:8020" : scheme + "://" + what.toUpperCase(java.util.Locale.ROOT);
        return new IOException(path + " names no " + what + ", and fs.defaultFS (" + defaultFs + ") is not a " + scheme
                + ":// address: write " + example + path.path() + ", or set fs.defaultFS in $HADOOP_CONF_DIR/core-site.xml or with -D fs.defaultFS="
                + example);
    }

    /** How the message names a store: {@code NameNode nn:8020}, {@code s3a bucket b}. */
    static String store(String scheme, String authority) {
        return switch (scheme) {
            case "hdfs" -> "NameNode " + authority;
            case "s3a" -> "s3a bucket " + authority;
            default -> scheme + " store " + authority;
        };
    }

    private static Throwable unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                Throwable root = t;
                while (root.getCause() != null && root.getCause().getClass() == t.getClass()) root = root.getCause();
                return root;
            }
            if (t.getCause() == t) break;
        }
        return null;
    }

    /** {@code said}, led by the path unless it already is (S3A's messages are). */
    private static String named(FsPath path, String said) {
        return said.startsWith(path.toString()) ? said : path + ": " + said;
    }

    /** The first line of what {@code t} says; its type when it says nothing. */
    static String said(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** A refusal that came from a server: its message carries the server's stack trace, which no page or log should show. */
    private static boolean fromServer(IOException e, IOException cause) {
        return e instanceof RemoteException || (cause.getMessage() != null && cause.getMessage().contains("\n"));
    }

    private static String user() {
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }
}
