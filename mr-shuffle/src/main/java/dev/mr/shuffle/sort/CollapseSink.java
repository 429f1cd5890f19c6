package dev.mr.shuffle.sort;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.shuffle.RecordSink;

/**
 * Appends combined records with their partition to a collapse's scratch buffer, as
 * {@code [varint partition][varint keyLen][varint valueLen][key][value]}: the form in which
 * {@link HashCombineBuffer#collapseInto} hands them back. Confined to the map task's thread.
 */
final class CollapseSink implements RecordSink {

    private ByteBuilder out;
    private int partition;

    void start(ByteBuilder out, int partition) {
        this.out = out;
        this.partition = partition;
    }

    @Override
    public void write(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
        out.writeVarInt(partition);
        out.writeVarInt(kLen);
        out.writeVarInt(vLen);
        out.write(k, kOff, kLen);
        out.write(v, vOff, vLen);
    }
}
