package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No simple class name is used twice within one module, in its main or its test sources: two
 * {@code MasterClient}s in one module, one heartbeating and one submitting jobs, made a reader
 * open the wrong one and an import pick the wrong one (issue 18). It reads each module listed in
 * the top pom and every top-level type declared in its sources (a file's public type and any
 * other type declared at the file's top level); package-info and module-info are not classes.
 */
class ClassNamesTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    @Test
    void classNamesAreUniqueWithinEachModule() throws IOException {
        Path root = RepositoryRoot.find();
        List<String> modules = modules(root);
        assertTrue(modules.contains("mr-master") && modules.contains("scripts"), modules::toString);

        List<String> duplicates = new ArrayList<>();
        int types = 0;
        for (String module : modules) {
            Map<String, List<String>> byName = new TreeMap<>();
            for (String dir : List.of("src/main/java", "src/test/java")) {
                Path sources = root.resolve(module).resolve(dir);
                if (!Files.isDirectory(sources)) continue;
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        String file = f.getFileName().toString();
                        if (file.equals("package-info.java") || file.equals("module-info.java")) continue;
                        Matcher m = TOP_LEVEL_TYPE.matcher(Files.readString(f));
                        while (m.find()) {
                            byName.computeIfAbsent(m.group(1), n -> new ArrayList<>()).add(root.relativize(f).toString());
                            types++;
                        }
                    }
                }
            }
            byName.forEach((name, where) -> {
                if (where.size() > 1) duplicates.add(module + ": " + name + " in " + String.join(", ", where));
            });
        }
        assertTrue(types > 500, "found only " + types + " types: is the source layout still src/{main,test}/java?");
        if (!duplicates.isEmpty()) {
            fail("one simple class name for two classes in one module; rename one so each says what it does:\n" + String.join("\n", duplicates));
        }
    }

    private static List<String> modules(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) out.add(m.group(1).trim());
        return out;
    }
}
