package dev.mr.worker.fetch;

import dev.mr.shuffle.ShuffleCodec;

/** Every fetcher test again, with map outputs stored in zstd blocks: served as stored, decompressed into memory or read from disk. */
class ShuffleFetcherZstdTest extends ShuffleFetcherTest {

    @Override
    ShuffleCodec codec() {
        return ShuffleCodec.ZSTD;
    }
}
