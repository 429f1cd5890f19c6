package dev.mr.hadoop;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's S3 credentials are settings: with the right ones its tasks read and write the bucket;
 * with a wrong one the store refuses, and the error the user reads (which becomes an attempt's
 * error, the job's diagnostics and a log line) names the path but echoes neither the secret
 * given nor the access key. Against a real S3 endpoint (S3Proxy, in memory, checking AWS
 * signatures) on a free port.
 */
class S3CredentialErrorsTest {

    static final String ACCESS = "AKIA" + Long.toHexString(System.nanoTime()).toUpperCase();
    static final String SECRET = "secret-" + UUID.randomUUID();
    static BlobStoreContext store;
    static S3Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        store = ContextBuilder.newBuilder("transient").credentials("local", "local").build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, "bucket");
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        await(Duration.ofSeconds(30), "S3Proxy to start", () -> "STARTED".equals(proxy.getState()), () -> "its state: " + proxy.getState());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) proxy.stop();
        if (store != null) store.close();
    }

    static Configuration conf(String access, String secret) {
        return new Configuration().set("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort()).set("fs.s3a.path.style.access", "true")
                .set("fs.s3a.endpoint.region", "us-east-1").set("fs.s3a.connection.ssl.enabled", "false")
                .set("fs.s3a.attempts.maximum", "1").set("fs.s3a.retry.limit", "1")
                .set("fs.s3a.access.key", access).set("fs.s3a.secret.key", secret);
    }

    @Test
    void theRightCredentialsReadAndWrite() throws Exception {
        try (FileSystems fss = new FileSystems(conf(ACCESS, SECRET))) {
            FsPath p = fss.resolve("s3a://bucket/ok/a.txt");
            FileSystem fs = fss.get(p);
            try (OutputStream out = fs.create(p)) {
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("hello\n", new String(fs.open(p).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWrongSecretIsRefusedWithAnErrorThatNamesThePathAndEchoesNoCredential() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        assertRefusedQuietly(conf(ACCESS, wrong), ACCESS, wrong, SECRET);
    }

    @Test
    void anUnknownAccessKeyIsRefusedWithAnErrorThatEchoesNoCredential() throws Exception {
        String unknown = "AKIAUNKNOWN" + Long.toHexString(System.nanoTime()).toUpperCase();
        assertRefusedQuietly(conf(unknown, SECRET), unknown, SECRET);
    }

    private static void assertRefusedQuietly(Configuration conf, String... hidden) throws Exception {
        try (FileSystems fss = new FileSystems(conf)) {
            FsPath p = fss.resolve("s3a://bucket/in/a.txt");
            IOException e = assertThrows(IOException.class, () -> fss.get(p).status(p));
            String text = e.toString() + (e.getCause() == null ? "" : " / " + e.getCause());
            assertTrue(text.contains("s3a://bucket/in/a.txt"), "names the path: " + text);
            for (String h : hidden) assertFalse(text.contains(h), "echoes a credential: " + text);
        }
    }
}
