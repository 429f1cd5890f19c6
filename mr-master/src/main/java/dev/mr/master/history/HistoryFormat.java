package dev.mr.master.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A history file's bytes: one {@link JobHistory} as JSON, gzipped. JSON because the master
 * already speaks it and an operator can read a file with {@code zcat | jq}; gzip because the
 * field names repeat for every attempt and compress about tenfold, and the JDK has it. gzip's
 * CRC-32 and length trailer also tell a torn or altered file from a whole one. A file that
 * cannot be read back whole, or says another version or job, is {@link Damaged}.
 *
 * <p>Stateless; any thread.
 */
public final class HistoryFormat {

    /** Bumped when {@link JobHistory} changes incompatibly; a file of another version is not read. */
    public static final int VERSION = 1;

    // the caller owns the file's stream (it forces a written one to disk before closing it)
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    /** A file that holds no readable history of the job asked for; the message says what is wrong with it. */
    public static final class Damaged extends IOException {
        Damaged(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private HistoryFormat() {}

    /** Writes {@code h} to {@code out}, which stays open. */
    public static void write(JobHistory h, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        JSON.writeValue(gz, h);
        gz.finish();
        gz.flush();
    }

    /** Reads the history of {@code jobId} from {@code in}; {@link Damaged} when it is not one, other I/O errors as they come. */
    public static JobHistory read(InputStream in, String jobId) throws IOException {
        JobHistory h;
        try {
            GZIPInputStream gz = new GZIPInputStream(in, 1 << 16);
            h = JSON.readValue(gz, JobHistory.class);
            // to the end, so that gzip checks its CRC and length trailer: JSON can end before a torn tail
            byte[] rest = new byte[512];
            while (gz.read(rest) >= 0) {
                // whitespace at most, which the parser already refused otherwise
            }
        } catch (EOFException e) {
            throw new Damaged("it ends early, as a write cut short does", e);
        } catch (ZipException e) {
            throw new Damaged("not whole gzip: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new Damaged("not a job history: " + e.getOriginalMessage(), e);
        }
        if (h == null || h.tasks() == null) throw new Damaged("no job history in it", null);
        if (h.format() != VERSION) throw new Damaged("format " + h.format() + ", but this master reads format " + VERSION, null);
        if (!jobId.equals(h.jobId())) throw new Damaged("it holds job " + h.jobId() + ", not " + jobId, null);
        return h;
    }
}
