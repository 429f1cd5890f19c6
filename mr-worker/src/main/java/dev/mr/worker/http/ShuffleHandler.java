package dev.mr.worker.http;

import dev.mr.shuffle.MapOutputIndex;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.shuffle.ShuffleProtocol;
import dev.mr.worker.shuffle.ShuffleRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shuffle server's one route, {@code GET /shuffle/v1/{mapAttemptId}/{partition}} (see
 * {@link ShuffleProtocol}): validates the ids ({@link ShuffleRequest}), looks the map output up
 * in the {@link MapOutputRegistry} (so only files this worker's map attempts wrote are ever
 * sent), and sends the partition's byte range of the data file with {@code sendFile} (zero copy)
 * and its CRC32C, record count, codec and raw length from the index: a compressed segment is
 * served as it is stored, so it is still one byte range and still zero copy. Runs on an event loop and does nothing
 * blocking there beyond what {@code sendFile} itself does.
 */
final class ShuffleHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleHandler.class);

    private final MapOutputRegistry outputs;

    ShuffleHandler(MapOutputRegistry outputs) {
        this.outputs = outputs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ShuffleRequest req;
        try {
            req = ShuffleRequest.parse(ctx.pathParam("mapAttempt"), ctx.pathParam("partition"));
        } catch (IllegalArgumentException e) {
            Problems.reply(ctx, 400, e.getMessage());
            return;
        }
        MapOutputRegistry.Held held = outputs.get(req.mapAttempt());
        if (held == null) {
            Problems.reply(ctx, 404, "map output " + req.mapAttempt() + " is not held by this worker");
            return;
        }
        MapOutputIndex index = held.index();
        int p = req.partition();
        if (p >= index.partitions()) {
            Problems.reply(ctx, 400, "partition " + p + " is out of range: " + req.mapAttempt() + " has " + index.partitions() + " partitions");
            return;
        }
        long length = index.length(p);
        HttpServerResponse resp = ctx.response()
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader(ShuffleProtocol.CRC32C, ShuffleProtocol.formatCrc(index.crc32c(p)))
                .putHeader(ShuffleProtocol.RECORDS, Long.toString(index.records(p)))
                .putHeader(ShuffleProtocol.CODEC, index.codec().label())
                .putHeader(ShuffleProtocol.RAW_LENGTH, Long.toString(index.rawLength(p)));
        if (length == 0) {
            resp.putHeader("Content-Length", "0").end();
            return;
        }
        resp.sendFile(held.data().toString(), index.offset(p), length).onFailure(e -> {
            LOG.debug("sending partition {} of {} stopped: {}", p, req.mapAttempt(), e.toString());
            Problems.reply(ctx, 404, "map output " + req.mapAttempt() + " is no longer readable on this worker");
        });
    }
}
