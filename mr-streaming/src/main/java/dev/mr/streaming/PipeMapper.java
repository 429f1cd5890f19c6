package dev.mr.streaming;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.Mapper;
import dev.mr.api.Text;

/**
 * The map side of a streaming job: one run of the {@link StreamingKeys#MAPPER} command per map
 * attempt, fed the split's lines on stdin (each line as it is for text input; {@code key<TAB>value}
 * for key-value input, a line without a tab becoming {@code line<TAB>}), its stdout lines written
 * as {@code key<TAB>value} records (see {@link KeyValueWriter}). With a combine command, the
 * output goes through {@link CombineBatches} first.
 */
public final class PipeMapper implements Mapper<Long, Text, Text, Text> {

    private static final byte[] EMPTY = new byte[0];

    private PipeTask pipe;
    private CombineBatches combine;
    private boolean keyValue;

    @Override
    public void setup(Context<Text, Text> context) throws Exception {
        Configuration conf = context.conf();
        keyValue = "key-value".equals(conf.get(StreamingKeys.INPUT, "text"));
        LineSink out = new KeyValueWriter(context);
        String combiner = conf.get(StreamingKeys.COMBINER);
        if (combiner != null && !combiner.isBlank() && conf.getInt(ConfKeys.REDUCERS, 1) > 0) {
            combine = new CombineBatches(combiner, context, out, conf.getInt(StreamingKeys.COMBINE_BATCH_MB, 64) * 1024L * 1024);
            out = combine;
        }
        pipe = PipeTask.start(conf.require(StreamingKeys.MAPPER), context, out);
    }

    @Override
    public void map(Long offset, Text line, Context<Text, Text> context) throws Exception {
        if (keyValue && KeyValueWriter.tab(line.bytes(), 0, line.length()) < 0) pipe.send(line.bytes(), line.length(), EMPTY, 0);
        else pipe.send(line.bytes(), 0, line.length());
    }

    @Override
    public void cleanup(Context<Text, Text> context) throws Exception {
        pipe.finish();
        if (combine != null) combine.flush();
    }
}
