package dev.mr.master.testjob;

import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A mapper that needs store credentials, as an S3 job does: in {@code setup} it checks that the
 * three credential settings ({@link #KEYS}) arrived with their real values, by their SHA-256
 * (setting {@value #EXPECTED}; the values themselves appear nowhere but in their own settings),
 * and counts {@code credentials/received} when they did. The first attempt of the first map
 * prints its settings, sets them as its status and fails with them in its error, as a careless
 * job would: every path an attempt's words take to a person carries them. Each line becomes (line, 1).
 */
public class CredentialMapper implements Mapper<Long, String, String, Long> {

    public static final String EXPECTED = "test.credentials.sha256";
    public static final String[] KEYS = {"fs.s3a.secret.key", "fs.s3a.access.key", "fs.s3a.bucket.logs.secret.key"};

    @Override
    public void setup(Context<String, Long> context) throws Exception {
        Configuration conf = context.conf();
        if (context.task().partition() == 0 && context.task().attemptId().endsWith("_0")) {
            System.err.println("CredentialMapper settings: " + conf);
            context.status("settings " + conf);
            throw new IllegalStateException("CredentialMapper refuses its first attempt; its settings were " + conf);
        }
        if (digest(conf).equals(conf.require(EXPECTED))) context.counter("credentials", "received").increment(1);
    }

    @Override
    public void map(Long offset, String line, Context<String, Long> context) {
        context.write(line, 1L);
    }

    /** The hex SHA-256 of the {@link #KEYS}' values, each followed by a newline. */
    public static String digest(Configuration conf) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String k : KEYS) sha.update((conf.get(k) + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
