package dev.mr.worker.task;

/** Checks that what user code writes is of the job's declared types, with an error that says which. */
final class RecordTypes {

    private final Class<?> key;
    private final Class<?> value;
    private final String what;

    RecordTypes(Class<?> key, Class<?> value, String what) {
        this.key = boxed(key);
        this.value = boxed(value);
        this.what = what;
    }

    void check(Object k, Object v) {
        if (!key.isInstance(k)) throw mismatch("key", k, key);
        if (!value.isInstance(v)) throw mismatch("value", v, value);
    }

    private IllegalArgumentException mismatch(String part, Object got, Class<?> declared) {
        return new IllegalArgumentException(what + " " + part + " of type " + got.getClass().getName()
                + " does not match the declared " + what + " " + part + " class " + declared.getName());
    }

    private static Class<?> boxed(Class<?> c) {
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == double.class) return Double.class;
        if (c == boolean.class) return Boolean.class;
        return c;
    }
}
