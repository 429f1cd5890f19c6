package dev.mr.master.jobs;

import com.fasterxml.jackson.core.JacksonException;
import dev.mr.api.InvalidJobException;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.protocol.SubmittedSplits;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the {@code splits} part of a submission: the input splits the client computed with the
 * job's input format. The master cannot decode a split (that needs the job's classes, which it
 * never loads), so it checks only the form: well-formed JSON, at most {@code max} splits, each
 * with base64 text, a length that is not negative, and host names. Path, length and hosts are
 * the client's word, used only to show and to schedule the tasks. Stateless.
 */
final class SplitsPart {

    static final String EXPECTED = "send the job's input splits, computed with its input format, as a part named splits: "
            + "{\"splits\": [{\"split\": BASE64, \"path\": ..., \"length\": N, \"hosts\": [...]}]} (mr-submit does)";

    private SplitsPart() {}

    static List<EncodedSplit> parse(String text, JobCaps caps) {
        if (text == null || text.isBlank()) throw new InvalidJobException("the submission has no 'splits' part; " + EXPECTED);
        SubmittedSplits parsed;
        try {
            parsed = Json.STRICT.readValue(text, SubmittedSplits.class);
        } catch (JacksonException e) {
            throw new InvalidJobException("the 'splits' part is not well-formed: " + e.getOriginalMessage() + "; " + EXPECTED);
        }
        if (parsed == null || parsed.splits() == null) throw new InvalidJobException("the 'splits' part has no list of splits; " + EXPECTED);
        caps.checkSplits(parsed.splits());
        List<EncodedSplit> out = new ArrayList<>(parsed.splits().size());
        for (int i = 0; i < parsed.splits().size(); i++) out.add(check(i, parsed.splits().get(i)));
        return out;
    }

    private static EncodedSplit check(int i, SubmittedSplits.Split s) {
        if (s == null || s.split() == null || s.split().isBlank()) throw new InvalidJobException("input split " + i + " has no encoded split");
        try {
            Base64.getDecoder().decode(s.split());
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("input split " + i + " is not base64: " + e.getMessage());
        }
        if (s.length() < 0) throw new InvalidJobException("input split " + i + " has a negative length " + s.length());
        if (s.hosts() != null) {
            for (String h : s.hosts()) {
                if (h == null || h.isBlank()) throw new InvalidJobException("input split " + i + " lists an empty host");
            }
        }
        return new EncodedSplit(s.split(), s.path(), s.length(), s.hosts());
    }
}
