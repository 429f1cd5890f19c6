package dev.mr.hadoop;

import dev.mr.api.Configuration;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 endpoint for tests: S3Proxy over jclouds' in-memory {@code transient} blob store on a
 * free loopback port, checking AWS v2/v4 signatures. One per test class; {@link #close} stops it.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "mr-test-access";
    public static final String SECRET_KEY = "mr-test-secret-Zq81";

    private final BlobStoreContext blobs;
    private final S3Proxy proxy;

    private S3Server(BlobStoreContext blobs, S3Proxy proxy) {
        this.blobs = blobs;
        this.proxy = proxy;
    }

    /** Starts a server with the given buckets. */
    public static S3Server start(String... buckets) throws Exception {
        Properties props = new Properties();
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(props)
                .build(BlobStoreContext.class);
        for (String b : buckets) blobs.getBlobStore().createContainerInLocation(null, b);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        return new S3Server(blobs, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The job settings that reach this server: path-style, plain HTTP, few retries and short timeouts. */
    public Configuration conf() {
        return conf(SECRET_KEY);
    }

    public Configuration conf(String secretKey) {
        return new Configuration()
                .set("fs.s3a.endpoint", endpoint())
                .set("fs.s3a.endpoint.region", "us-east-1")
                .set("fs.s3a.path.style.access", "true")
                .set("fs.s3a.connection.ssl.enabled", "false")
                .set("fs.s3a.access.key", ACCESS_KEY)
                .set("fs.s3a.secret.key", secretKey)
                .set("fs.s3a.attempts.maximum", "1")
                .set("fs.s3a.retry.limit", "1")
                .set("fs.s3a.retry.interval", "100ms")
                .set("fs.s3a.connection.establish.timeout", "2s")
                .set("fs.s3a.connection.timeout", "5s");
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
