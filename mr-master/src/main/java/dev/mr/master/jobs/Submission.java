package dev.mr.master.jobs;

import java.nio.file.Path;

/**
 * A job as it arrived, not yet checked: the uploaded jar (a temporary file the HTTP edge
 * deletes after answering, unless the master has moved it away), the spec and the input
 * splits the client computed, each as text (a form field) or as an uploaded file.
 *
 * @param jarName    the jar's file name on the submitter's side, for messages
 * @param specText   the spec part when sent as a form field, else null
 * @param specFile   the spec part when sent as a file, else null
 * @param splitsText the splits part when sent as a form field, else null
 * @param splitsFile the splits part when sent as a file, else null
 * @param owner      the authenticated user who submitted it
 */
public record Submission(Path jar, String jarName, String specText, Path specFile, String splitsText, Path splitsFile, String owner) {}
