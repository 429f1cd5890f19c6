package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Mapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Jars of classes compiled on the fly, so that those classes exist nowhere but in the jars the test builds. */
final class CompiledJars {

    private CompiledJars() {}

    /**
     * Compiles {@code sources} (class name → source) in {@code dir} against mr-api and {@code classPath};
     * returns the class files by their jar entry names.
     */
    static Map<String, byte[]> compile(Path dir, Map<String, String> sources, Path... classPath) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", cp(classPath)));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)), "javac");
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) classes.put(out.relativize(f).toString(), Files.readAllBytes(f));
        }
        return classes;
    }

    static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String cp(Path... extra) {
        StringBuilder cp = new StringBuilder(Path.of(Mapper.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        for (Path p : extra) cp.append(java.io.File.pathSeparator).append(p);
        return cp.toString();
    }
}
