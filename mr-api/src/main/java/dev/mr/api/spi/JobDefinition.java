package dev.mr.api.spi;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configurable;
import dev.mr.api.Configuration;
import dev.mr.api.HashPartitioner;
import dev.mr.api.IdentityMapper;
import dev.mr.api.IdentityReducer;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Mapper;
import dev.mr.api.Partitioner;
import dev.mr.api.Reducer;
import dev.mr.api.SensitiveKeys;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.OutputFormat;
import dev.mr.api.io.TextInputFormat;
import dev.mr.api.io.TextOutputFormat;
import dev.mr.api.io.compress.Codecs;
import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serdes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Comparator;

/**
 * A job's settings checked and resolved against its classes: every class named is loaded
 * from the job's class loader and is usable (right interface, public no-arg constructor),
 * the map output and output types are known (declared, or inferred from the Mapper's and
 * Reducer's type arguments), the reducer accepts what the mapper emits, and keys can be
 * sorted. Any problem is an {@link InvalidJobException} that names it. Runners and the submitting
 * client build one before a job is accepted (the master never does: it loads no job class); tasks use it to instantiate the user's classes.
 *
 * <p>Immutable apart from the classes it instantiates; safe to share between threads.
 */
public final class JobDefinition {

    private final Configuration conf;
    private final ClassLoader loader;
    private final String source;
    private final Class<?> mapper;
    private final Class<?> combiner;
    private final Class<?> reducer;
    private final Class<?> partitioner;
    private final Class<?> inputFormat;
    private final Class<?> outputFormat;
    private final Class<?> sortComparator;
    private final Class<?> groupingComparator;
    private final Class<?> mapOutputKey;
    private final Class<?> mapOutputValue;
    private final int reducers;

    private JobDefinition(Configuration original, ClassLoader loader) {
        this.conf = original.copy();
        this.loader = loader;
        String jar = conf.get(ConfKeys.JOB_JAR);
        this.source = jar == null ? "the classpath" : jar.substring(jar.lastIndexOf('/') + 1);
        this.reducers = conf.getInt(ConfKeys.REDUCERS, 1);
        if (reducers < 0) throw new InvalidJobException(ConfKeys.REDUCERS + " must be 0 or more, not " + reducers);
        if (conf.get(ConfKeys.OUTPUT_PATH) == null) {
            throw new InvalidJobException("the job has no output path (set " + ConfKeys.OUTPUT_PATH + " or Job.output)");
        }
        Codecs.forOutput(conf); // an unknown mr.output.compress is refused now, not by every reduce
        SensitiveKeys.check(conf.asMap()); // a pattern that is no regex would mask nothing it was meant to

        this.mapper = userClass("mapper", ConfKeys.MAPPER, Mapper.class, IdentityMapper.class);
        this.inputFormat = userClass("input format", ConfKeys.INPUT_FORMAT, InputFormat.class, TextInputFormat.class);
        this.outputFormat = userClass("output format", ConfKeys.OUTPUT_FORMAT, OutputFormat.class, TextOutputFormat.class);
        this.partitioner = userClass("partitioner", ConfKeys.PARTITIONER, Partitioner.class, HashPartitioner.class);
        this.reducer = reducers == 0 ? null : userClass("reducer", ConfKeys.REDUCER, Reducer.class, IdentityReducer.class);
        this.combiner = reducers == 0 ? null : optionalClass("combiner", ConfKeys.COMBINER, Reducer.class);
        this.sortComparator = comparatorClass("sort comparator", ConfKeys.SORT_COMPARATOR);
        this.groupingComparator = comparatorClass("grouping comparator", ConfKeys.GROUPING_COMPARATOR);

        Class<?>[] mapTypes = TypeArguments.of(mapper, Mapper.class);
        if (mapper == IdentityMapper.class) {
            Class<?>[] in = TypeArguments.of(inputFormat, InputFormat.class);
            mapTypes = new Class<?>[] {in[0], in[1], in[0], in[1]};
        }
        this.mapOutputKey = type(ConfKeys.MAP_OUTPUT_KEY, mapTypes[2], "map output key", mapper);
        this.mapOutputValue = type(ConfKeys.MAP_OUTPUT_VALUE, mapTypes[3], "map output value", mapper);

        if (reducers > 0) {
            Class<?>[] reduceTypes = TypeArguments.of(reducer, Reducer.class);
            if (reducer == IdentityReducer.class) reduceTypes = new Class<?>[] {mapOutputKey, mapOutputValue, mapOutputKey, mapOutputValue};
            checkAccepts("reducer", reducer, reduceTypes);
            if (combiner != null) {
                Class<?>[] combineTypes = TypeArguments.of(combiner, Reducer.class);
                checkAccepts("combiner", combiner, combineTypes);
                if (!fits(mapOutputKey, combineTypes[2]) || !fits(mapOutputValue, combineTypes[3])) {
                    throw new InvalidJobException("combiner " + combiner.getName() + " must emit the map output types ("
                            + mapOutputKey.getSimpleName() + ", " + mapOutputValue.getSimpleName() + ")");
                }
            }
            inferOutput(reduceTypes[2], reduceTypes[3]);
            checkSortable();
        } else {
            inferOutput(mapOutputKey, mapOutputValue);
        }
        checkKryoClasses();
    }

    /** Checks {@code conf} against the classes of {@code loader}; throws {@link InvalidJobException} on any problem. */
    public static JobDefinition load(Configuration conf, ClassLoader loader) {
        JobDefinition def = new JobDefinition(conf, loader);
        def.checkPartitioner();
        return def;
    }

    /** A partitioner that checks the job it serves (see {@link JobConfigurable}) does so now, before any task runs. */
    private void checkPartitioner() {
        if (reducers > 0 && JobConfigurable.class.isAssignableFrom(partitioner)) instantiate(partitioner, Partitioner.class);
    }

    private Class<?> userClass(String role, String key, Class<?> iface, Class<?> fallback) {
        Class<?> c = optionalClass(role, key, iface);
        if (c == null) {
            c = fallback;
            conf.set(key, fallback.getName());
        }
        return c;
    }

    private Class<?> optionalClass(String role, String key, Class<?> iface) {
        String name = conf.get(key);
        if (name == null || name.isBlank()) return null;
        Class<?> c = load(role, key, name.trim());
        if (!iface.isAssignableFrom(c)) {
            throw new InvalidJobException(role + " class " + c.getName() + " does not implement " + iface.getName());
        }
        checkConstructible(role, c);
        return c;
    }

    private Class<?> comparatorClass(String role, String key) {
        String name = conf.get(key);
        if (name == null || name.isBlank()) return null;
        Class<?> c = load(role, key, name.trim());
        if (!Comparator.class.isAssignableFrom(c) && !RawComparator.class.isAssignableFrom(c)) {
            throw new InvalidJobException(role + " class " + c.getName() + " implements neither java.util.Comparator nor "
                    + RawComparator.class.getName());
        }
        checkConstructible(role, c);
        return c;
    }

    private Class<?> load(String role, String key, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new InvalidJobException(role + " class " + name + " (" + key + ") not found in " + source);
        }
    }

    private static void checkConstructible(String role, Class<?> c) {
        String name = c.getName();
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new InvalidJobException(role + " class " + name + " is abstract; name a concrete class");
        }
        if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
            throw new InvalidJobException(role + " class " + name + " is an inner class; declare it static");
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            throw new InvalidJobException(role + " class " + name + " is not public; the framework must be able to create it");
        }
        try {
            Constructor<?> ctor = c.getConstructor();
            if (!Modifier.isPublic(ctor.getModifiers())) throw new NoSuchMethodException();
        } catch (NoSuchMethodException e) {
            throw new InvalidJobException(role + " class " + name + " has no public no-arg constructor; add one");
        }
    }

    private Class<?> type(String key, Class<?> inferred, String what, Class<?> from) {
        String declared = conf.get(key);
        if (declared != null && !declared.isBlank()) {
            Class<?> c = loadType(key, declared.trim());
            return c;
        }
        if (inferred == null) {
            throw new InvalidJobException("cannot infer the " + what + " type from " + from.getName()
                    + "; declare it with Job.mapOutput(keyClass, valueClass) or -D " + key + "=CLASS");
        }
        conf.set(key, inferred.getName());
        return inferred;
    }

    private Class<?> loadType(String key, String name) {
        try {
            return new Serdes(loader, java.util.List.of()).loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new InvalidJobException("type " + name + " (" + key + ") not found in " + source);
        }
    }

    private void inferOutput(Class<?> key, Class<?> value) {
        if (conf.get(ConfKeys.OUTPUT_KEY) == null && key != null) conf.set(ConfKeys.OUTPUT_KEY, key.getName());
        if (conf.get(ConfKeys.OUTPUT_VALUE) == null && value != null) conf.set(ConfKeys.OUTPUT_VALUE, value.getName());
    }

    private void checkAccepts(String role, Class<?> c, Class<?>[] types) {
        if (!fits(mapOutputKey, types[0]) || !fits(mapOutputValue, types[1])) {
            throw new InvalidJobException(role + " " + c.getName() + " takes (" + types[0].getSimpleName() + ", "
                    + types[1].getSimpleName() + ") but the mapper emits (" + mapOutputKey.getSimpleName() + ", "
                    + mapOutputValue.getSimpleName() + ")");
        }
    }

    /** True when a value of {@code actual} can be passed where {@code expected} is declared (null: unknown). */
    private static boolean fits(Class<?> actual, Class<?> expected) {
        return expected == null || actual == null || expected.isAssignableFrom(actual);
    }

    private void checkSortable() {
        if (sortComparator != null) return;
        Object serde = Serdes.builtin(mapOutputKey);
        if (serde == null && !Comparable.class.isAssignableFrom(mapOutputKey)) {
            throw new InvalidJobException("map output key type " + mapOutputKey.getName()
                    + " is neither a built-in type nor Comparable; make it Comparable or set a sort comparator");
        }
    }

    private void checkKryoClasses() {
        for (String name : conf.getList(ConfKeys.KRYO_CLASSES)) loadType(ConfKeys.KRYO_CLASSES, name);
    }

    /** Creates an instance of a job class with its no-arg constructor, configured when it is {@link JobConfigurable} or {@link Configurable}. */
    public <T> T instantiate(Class<?> c, Class<T> as) {
        try {
            Object o = c.getConstructor().newInstance();
            if (o instanceof JobConfigurable configurable) configurable.configure(this);
            else if (o instanceof Configurable configurable) configurable.configure(conf);
            return as.cast(o);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructor of " + c.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + c.getName() + ": " + e, e);
        }
    }

    /** The settings, with defaults and inferred types filled in. Do not modify. */
    public Configuration conf() {
        return conf;
    }

    public ClassLoader loader() {
        return loader;
    }

    public String name() {
        return conf.get(ConfKeys.JOB_NAME, mapper.getSimpleName());
    }

    public int reducers() {
        return reducers;
    }

    public boolean mapOnly() {
        return reducers == 0;
    }

    public Class<?> mapperClass() {
        return mapper;
    }

    /** The combiner, or null when the job has none. */
    public Class<?> combinerClass() {
        return combiner;
    }

    /** The reducer, or null in a map-only job. */
    public Class<?> reducerClass() {
        return reducer;
    }

    public Class<?> partitionerClass() {
        return partitioner;
    }

    public Class<?> inputFormatClass() {
        return inputFormat;
    }

    public Class<?> outputFormatClass() {
        return outputFormat;
    }

    /** The sort comparator, or null for the key type's natural (byte) order. */
    public Class<?> sortComparatorClass() {
        return sortComparator;
    }

    /** The grouping comparator, or null to group by the sort order's equality. */
    public Class<?> groupingComparatorClass() {
        return groupingComparator;
    }

    public Class<?> mapOutputKeyClass() {
        return mapOutputKey;
    }

    public Class<?> mapOutputValueClass() {
        return mapOutputValue;
    }

    public String outputPath() {
        return conf.get(ConfKeys.OUTPUT_PATH);
    }

    /** Serdes for one task thread, with the job's Kryo registrations. */
    public Serdes newSerdes() {
        return new Serdes(loader, conf.getList(ConfKeys.KRYO_CLASSES));
    }
}
