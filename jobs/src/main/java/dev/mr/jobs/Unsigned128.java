package dev.mr.jobs;

/** An unsigned 128-bit integer, arithmetic modulo 2^128: what TeraGen's generator computes with. */
record Unsigned128(long hi, long lo) {

    static final Unsigned128 ZERO = new Unsigned128(0, 0);
    static final Unsigned128 ONE = new Unsigned128(0, 1);

    Unsigned128 plus(Unsigned128 o) {
        long l = lo + o.lo;
        long carry = Long.compareUnsigned(l, lo) < 0 ? 1 : 0;
        return new Unsigned128(hi + o.hi + carry, l);
    }

    Unsigned128 times(Unsigned128 o) {
        long l = lo * o.lo;
        long h = unsignedMultiplyHigh(lo, o.lo) + hi * o.lo + lo * o.hi;
        return new Unsigned128(h, l);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Byte {@code i} counted from the most significant (0..15). */
    byte byteAt(int i) {
        return (byte) (i < 8 ? hi >>> (56 - 8 * i) : lo >>> (56 - 8 * (i - 8)));
    }

    /** Hex digit {@code p} counted from the most significant (0..31), as an upper-case ASCII character. */
    byte hexDigit(int p) {
        int b = byteAt(p / 2) & 0xFF;
        int d = p % 2 == 0 ? b >>> 4 : b & 0xF;
        return (byte) (d < 10 ? '0' + d : 'A' + d - 10);
    }

    @Override
    public String toString() {
        return hi == 0 ? Long.toHexString(lo) : Long.toHexString(hi) + String.format("%016x", lo);
    }
}
