package dev.mr.shuffle;

import java.io.IOException;

/** Receives serialized records: where a combiner's output goes. */
public interface RecordSink {

    void write(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) throws IOException;
}
