package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Store credentials travel in a job's settings; every place that shows settings asks this rule
 * which values to hide. It must catch every credential Hadoop's own list catches (in any case,
 * per bucket too), the ones we add, and a job's own patterns, while leaving the settings people
 * need to read (endpoints, paths, sizes) in plain sight.
 */
class SensitiveKeysTest {

    private static final SensitiveKeys KEYS = SensitiveKeys.DEFAULT;

    @Test
    void storeCredentialsAreSensitiveWhateverTheirCaseAndBucket() {
        for (String key : List.of("fs.s3a.secret.key", "FS.S3A.SECRET.KEY", "fs.s3a.Secret.Key", "fs.s3a.access.key",
                "fs.s3a.session.token", "fs.s3a.encryption.key", "fs.s3a.server-side-encryption.key",
                "fs.s3a.bucket.logs-2024.secret.key", "fs.s3a.bucket.logs-2024.access.key", "fs.s3a.bucket.b.session.token",
                "fs.s3a.bucket.b.server-side-encryption.key", "fs.azure.account.key.acct.blob.core.windows.net",
                "fs.azure.account.oauth2.client.secret", "fs.azure.oauth2.client.id", "dfs.webhdfs.oauth2.refresh.token",
                "ssl.server.keystore.password", "ssl.keystore.pass", "db.password", "warehouse.credential",
                "warehouse.credentials", "mr.token", "mr.streaming.cmdenv.AWS_SECRET_ACCESS_KEY",
                "mr.streaming.cmdenv.AWS_ACCESS_KEY_ID", "fs.gs.auth.service.account.private.key")) {
            assertTrue(KEYS.isSensitive(key), key + " hides a credential");
            assertEquals(SensitiveKeys.REDACTED, KEYS.redact(key, "AKIA-or-whatever"), key);
        }
    }

    @Test
    void settingsPeopleNeedToReadStayVisible() {
        for (String key : List.of("fs.s3a.endpoint", "fs.s3a.bucket.logs.endpoint", "fs.s3a.path.style.access",
                "fs.s3a.connection.maximum", "fs.s3a.aws.credentials.provider.mapping", "fs.defaultFS", "dfs.replication",
                "fs.azure.account.auth.type", "mr.reducers", "mr.input.paths", "mr.output.path", "mr.job.name")) {
            assertFalse(KEYS.isSensitive(key), key + " is not a credential");
            assertEquals("v", KEYS.redact(key, "v"), key);
        }
        assertEquals(null, KEYS.redact("fs.s3a.secret.key", null), "nothing set stays nothing");
    }

    @Test
    void everyPatternOfHadoopsDefaultListIsKept() {
        // copied by hand from core-default.xml 3.4: a pattern dropped here would unmask what Hadoop masks
        assertEquals(24, SensitiveKeys.HADOOP_PATTERNS.size());
        assertTrue(SensitiveKeys.HADOOP_PATTERNS.contains("fs.s3a.*.secret.key"));
        assertTrue(KEYS.isSensitive(SensitiveKeys.SETTING), "Hadoop hides the list itself too");
    }

    @Test
    void aJobAddsPatternsWithHadoopsSettingAndCannotUnmaskTheBuiltInOnes() {
        SensitiveKeys keys = SensitiveKeys.of(Map.of(SensitiveKeys.SETTING, "acme\\.api\\.key$ ,\n ^warehouse\\."));
        assertTrue(keys.isSensitive("acme.api.key"));
        assertTrue(keys.isSensitive("Warehouse.url"));
        assertFalse(keys.isSensitive("acme.api.key.file"));
        assertTrue(keys.isSensitive("fs.s3a.secret.key"), "the job's patterns add to the built-in ones");
        assertFalse(KEYS.isSensitive("acme.api.key"), "another job's patterns do not leak into the defaults");
    }

    @Test
    void aPatternThatIsNoRegexIsRefusedAtSubmissionButStillMasksWhenShown() {
        Map<String, String> conf = Map.of(SensitiveKeys.SETTING, "acme.key[");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> SensitiveKeys.check(conf));
        assertTrue(e.getMessage().contains("'acme.key['") && e.getMessage().contains(SensitiveKeys.SETTING), e.getMessage());
        assertTrue(SensitiveKeys.of(conf).isSensitive("x.acme.key[0]"), "taken as literal text");
        SensitiveKeys.check(Map.of(SensitiveKeys.SETTING, "ok$")); // no throw
    }

    @Test
    void aRedactedCopyKeepsEveryKeyAndHidesOnlyTheCredentials() {
        Map<String, String> shown = KEYS.redacted(Map.of("fs.s3a.secret.key", "s3cr3t", "fs.s3a.endpoint", "http://s3:9000"));
        assertEquals(Map.of("fs.s3a.secret.key", SensitiveKeys.REDACTED, "fs.s3a.endpoint", "http://s3:9000"), shown);
    }

    @Test
    void aConfigurationNeverPrintsACredential() {
        Configuration conf = new Configuration().set("fs.s3a.secret.key", "s3cr3t-42").set("fs.s3a.bucket.b.access.key", "AKIA42")
                .set("fs.s3a.endpoint", "http://s3:9000").set(SensitiveKeys.SETTING, "^acme\\.").set("acme.pin", "1234");
        String text = conf.toString();
        for (String secret : List.of("s3cr3t-42", "AKIA42", "1234")) assertFalse(text.contains(secret), text);
        assertTrue(text.contains("fs.s3a.secret.key=" + SensitiveKeys.REDACTED) && text.contains("http://s3:9000"), text);
        assertEquals("s3cr3t-42", conf.get("fs.s3a.secret.key"), "tasks still read the real value");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conf.getInt("fs.s3a.secret.key", 0));
        assertFalse(e.getMessage().contains("s3cr3t-42"), e.getMessage());
        assertTrue(e.getMessage().contains("fs.s3a.secret.key"), "the error still names the setting: " + e.getMessage());
    }

    @Test
    void aMisspelledSettingOnTheCommandLineIsNotEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-D", "=s3cr3t-42"));
        assertFalse(e.getMessage().contains("s3cr3t-42"), e.getMessage());
    }
}
