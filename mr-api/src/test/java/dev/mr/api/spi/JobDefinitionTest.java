package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job is checked before anything runs; each mistake a user can make in naming classes and
 * types gets an error that names the class and what to do.
 */
class JobDefinitionTest {

    public static class WordMapper implements Mapper<Long, String, String, Integer> {
        @Override
        public void map(Long key, String value, Context<String, Integer> context) {}
    }

    public static class SumReducer implements Reducer<String, Integer, String, Long> {
        @Override
        public void reduce(String key, Iterable<Integer> values, Context<String, Long> context) {}
    }

    public static class LongKeyReducer implements Reducer<Long, Integer, Long, Integer> {
        @Override
        public void reduce(Long key, Iterable<Integer> values, Context<Long, Integer> context) {}
    }

    /** A generic base class: the subclass fixes the types. */
    public abstract static class Base<K, V> implements Mapper<Long, String, K, V> {}

    public static class Concrete extends Base<String, Long> {
        @Override
        public void map(Long key, String value, Context<String, Long> context) {}
    }

    public static class Generic<K> implements Mapper<Long, String, K, String> {
        @Override
        public void map(Long key, String value, Context<K, String> context) {}
    }

    public static class NoDefaultConstructor implements Mapper<Long, String, String, String> {
        public NoDefaultConstructor(int x) {}

        @Override
        public void map(Long key, String value, Context<String, String> context) {}
    }

    public class Inner implements Mapper<Long, String, String, String> {
        @Override
        public void map(Long key, String value, Context<String, String> context) {}
    }

    public static class Unsortable {}

    public static class UnsortableKeys implements Mapper<Long, String, Unsortable, String> {
        @Override
        public void map(Long key, String value, Context<Unsortable, String> context) {}
    }

    private static Configuration job(Class<?> mapper) {
        return new Configuration().set(ConfKeys.MAPPER, mapper.getName()).set(ConfKeys.OUTPUT_PATH, "/tmp/out")
                .set(ConfKeys.INPUT_PATHS, "/tmp/in");
    }

    private static String error(Configuration conf) {
        return assertThrows(InvalidJobException.class, () -> JobDefinition.load(conf, JobDefinitionTest.class.getClassLoader())).getMessage();
    }

    @Test
    void infersTypesFromTypeArgumentsThroughSuperclasses() {
        JobDefinition d = JobDefinition.load(job(WordMapper.class).set(ConfKeys.REDUCER, SumReducer.class.getName()), getClass().getClassLoader());
        assertEquals(String.class, d.mapOutputKeyClass());
        assertEquals(Integer.class, d.mapOutputValueClass());
        assertEquals(Long.class.getName(), d.conf().get(ConfKeys.OUTPUT_VALUE));
        JobDefinition c = JobDefinition.load(job(Concrete.class), getClass().getClassLoader());
        assertEquals(Long.class, c.mapOutputValueClass());
        assertEquals(List.of(String.class, Long.class), List.of(TypeArguments.of(Concrete.class, Mapper.class)[2], TypeArguments.of(Concrete.class, Mapper.class)[3]));
    }

    @Test
    void missingClassIsNamedWithWhereItWasLookedFor() {
        assertEquals("mapper class com.acme.WcMap (mr.mapper.class) not found in job.jar",
                error(new Configuration().set(ConfKeys.MAPPER, "com.acme.WcMap").set(ConfKeys.OUTPUT_PATH, "/o").set(ConfKeys.JOB_JAR, "/x/job.jar")));
    }

    @Test
    void unusableClassesSayWhatToDo() {
        assertEquals("mapper class " + NoDefaultConstructor.class.getName() + " has no public no-arg constructor; add one",
                error(job(NoDefaultConstructor.class)));
        assertEquals("mapper class " + Inner.class.getName() + " is an inner class; declare it static", error(job(Inner.class)));
        assertEquals("mapper class " + String.class.getName() + " does not implement dev.mr.api.Mapper", error(job(String.class)));
    }

    @Test
    void uninferableTypesAskForADeclaration() {
        assertEquals("cannot infer the map output key type from " + Generic.class.getName()
                + "; declare it with Job.mapOutput(keyClass, valueClass) or -D mr.map.output.key.class=CLASS", error(job(Generic.class)));
        JobDefinition d = JobDefinition.load(job(Generic.class).set(ConfKeys.MAP_OUTPUT_KEY, "java.lang.Long"), getClass().getClassLoader());
        assertEquals(Long.class, d.mapOutputKeyClass());
    }

    @Test
    void reducerThatDoesNotAcceptTheMapOutputIsRefused() {
        assertEquals("reducer " + LongKeyReducer.class.getName() + " takes (Long, Integer) but the mapper emits (String, Integer)",
                error(job(WordMapper.class).set(ConfKeys.REDUCER, LongKeyReducer.class.getName())));
    }

    @Test
    void keysThatCannotBeSortedAreRefused() {
        assertEquals("map output key type " + Unsortable.class.getName()
                + " is neither a built-in type nor Comparable; make it Comparable or set a sort comparator", error(job(UnsortableKeys.class)));
    }

    @Test
    void missingOutputIsRefused() {
        assertEquals("the job has no output path (set mr.output.path or Job.output)",
                error(new Configuration().set(ConfKeys.MAPPER, WordMapper.class.getName())));
    }
}
