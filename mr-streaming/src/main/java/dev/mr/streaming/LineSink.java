package dev.mr.streaming;

/** Where the lines a command writes on stdout go; called on the task's thread. */
interface LineSink {

    /** One line, without its line end. */
    void line(byte[] b, int off, int len) throws Exception;
}
