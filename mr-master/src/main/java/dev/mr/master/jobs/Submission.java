package dev.mr.master.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * A job as it arrived, not yet checked: the uploaded jar and shipped files (temporary files the
 * HTTP edge deletes after answering, unless the master has moved them away), the spec and the input
 * splits the client computed, each as text (a form field) or as an uploaded file.
 *
 * @param jarName    the jar's file name on the submitter's side, for messages
 * @param specText   the spec part when sent as a form field, else null
 * @param specFile   the spec part when sent as a file, else null
 * @param splitsText the splits part when sent as a form field, else null
 * @param splitsFile the splits part when sent as a file, else null
 * @param owner      the authenticated user who submitted it
 * @param files      the parts named {@code file}: the files the spec lists as shipped, one part per content
 */
public record Submission(Path jar, String jarName, String specText, Path specFile, String splitsText, Path splitsFile, String owner,
                         List<Path> files) {

    public Submission {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
