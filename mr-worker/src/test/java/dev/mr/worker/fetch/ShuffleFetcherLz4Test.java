package dev.mr.worker.fetch;

import dev.mr.shuffle.ShuffleCodec;

/** Every fetcher test again, with map outputs stored in lz4 blocks: served as stored, decompressed into memory or read from disk. */
class ShuffleFetcherLz4Test extends ShuffleFetcherTest {

    @Override
    ShuffleCodec codec() {
        return ShuffleCodec.LZ4;
    }
}
