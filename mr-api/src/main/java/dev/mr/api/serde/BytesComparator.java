package dev.mr.api.serde;

import java.util.Arrays;

/** Unsigned lexicographic order of the raw bytes: the natural order of order-preserving serdes. */
public final class BytesComparator implements RawComparator {

    public static final BytesComparator INSTANCE = new BytesComparator();

    @Override
    public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return Arrays.compareUnsigned(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
    }
}
