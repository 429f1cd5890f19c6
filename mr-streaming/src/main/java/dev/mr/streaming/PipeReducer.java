package dev.mr.streaming;

import dev.mr.api.Context;
import dev.mr.api.Reducer;
import dev.mr.api.Text;

/**
 * The reduce side of a streaming job: one run of the {@link StreamingKeys#REDUCER} command per
 * reduce attempt, fed one {@code key<TAB>value} line per value, keys in byte order so that equal
 * keys are adjacent, as Hadoop Streaming does; its stdout lines become the job's output records.
 */
public final class PipeReducer implements Reducer<Text, Text, Text, Text> {

    private PipeTask pipe;

    @Override
    public void setup(Context<Text, Text> context) throws Exception {
        pipe = PipeTask.start(context.conf().require(StreamingKeys.REDUCER), context, new KeyValueWriter(context));
    }

    @Override
    public void reduce(Text key, Iterable<Text> values, Context<Text, Text> context) throws Exception {
        for (Text v : values) pipe.send(key.bytes(), key.length(), v.bytes(), v.length());
    }

    @Override
    public void cleanup(Context<Text, Text> context) throws Exception {
        pipe.finish();
    }
}
