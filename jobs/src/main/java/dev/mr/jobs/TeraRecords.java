package dev.mr.jobs;

/**
 * Hadoop TeraGen's records (from gensort): row {@code r} uses the {@code (r+1)}-th number of
 * the 128-bit linear congruential generator {@code x' = a x + c mod 2^128} started at 0; its
 * top 10 bytes are the key, and the value is 0x00 0x11, the row number as 32 upper-case hex
 * digits, 0x88 0x99 0xAA 0xBB, 48 filler bytes (each of the generator's low 12 hex digits
 * four times), 0xCC 0xDD 0xEE 0xFF. The same rows as Hadoop's TeraGen, byte for byte.
 */
final class TeraRecords {

    private TeraRecords() {}

    static final Unsigned128 A = new Unsigned128(0x2360ed051fc65da4L, 0x4385df649fccf645L);
    static final Unsigned128 C = new Unsigned128(0x4a696d4772617952L, 0x4950202020202001L);

    static Unsigned128 next(Unsigned128 x) {
        return A.times(x).plus(C);
    }

    /** The generator's state after {@code n} steps from 0, in O(log n). */
    static Unsigned128 skipAhead(long n) {
        Unsigned128 mult = Unsigned128.ONE, add = Unsigned128.ZERO;
        Unsigned128 baseMult = A, baseAdd = C;
        for (long k = n; k != 0; k >>>= 1) {
            if ((k & 1) != 0) {
                mult = mult.times(baseMult);
                add = add.times(baseMult).plus(baseAdd);
            }
            baseAdd = baseAdd.times(baseMult).plus(baseAdd);
            baseMult = baseMult.times(baseMult);
        }
        return add;
    }

    /** Fills the 10-byte key and 90-byte value of the row whose generator number is {@code rand}. */
    static void fill(Unsigned128 rand, long row, byte[] key, byte[] value) {
        for (int i = 0; i < 10; i++) key[i] = rand.byteAt(i);
        value[0] = 0x00;
        value[1] = 0x11;
        Unsigned128 rowNumber = new Unsigned128(0, row);
        for (int i = 0; i < 32; i++) value[2 + i] = rowNumber.hexDigit(i);
        value[34] = (byte) 0x88;
        value[35] = (byte) 0x99;
        value[36] = (byte) 0xAA;
        value[37] = (byte) 0xBB;
        for (int i = 0; i < 12; i++) {
            byte d = rand.hexDigit(20 + i);
            value[38 + 4 * i] = d;
            value[39 + 4 * i] = d;
            value[40 + 4 * i] = d;
            value[41 + 4 * i] = d;
        }
        value[86] = (byte) 0xCC;
        value[87] = (byte) 0xDD;
        value[88] = (byte) 0xEE;
        value[89] = (byte) 0xFF;
    }
}
