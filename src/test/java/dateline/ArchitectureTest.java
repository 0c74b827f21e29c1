package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/ARCHITECTURE.md, checked over the sources: which package may use
 * which, read from the imports of every Java class and jte template, and no project class named
 * inline by its full name (which would hide a dependency from the imports).
 */
class ArchitectureTest {
    private static final Path JAVA = Path.of("src/main/java/dateline");
    private static final Path JTE = Path.of("src/main/jte");

    /** What each package may import from the project, besides itself. The root package wires everything. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "platform", Set.of(),
            "content", Set.of("platform"),
            "search", Set.of("platform", "content"),
            "feeds", Set.of("platform", "content"),
            "api", Set.of("platform", "content"),
            "trending", Set.of("platform", "content"),
            "demo", Set.of("platform", "content"),
            "ingest", Set.of("platform", "content", "api"),
            "site", Set.of("platform", "content", "search", "feeds", "trending"),
            "desk", Set.of("platform", "content", "search", "api", "ingest", "trending"));

    private static final Pattern IMPORT = Pattern.compile("^@?import (?:static )?dateline\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern INLINE = Pattern.compile("\\bdateline\\.[a-z]+\\.[A-Z]\\w*");

    @Test
    void every_package_depends_only_on_the_packages_its_rule_allows() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (pkg == null) {
                continue; // the root package: Main and the composition root
            }
            assertThat(ALLOWED).as("a rule for package '%s' (add one to docs/ARCHITECTURE.md and here)", pkg).containsKey(pkg);
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
                    broken.add(file + " uses " + used);
                }
            }
        }
        assertThat(broken).as("imports against the dependency rules").isEmpty();
    }

    @Test
    void project_classes_are_imported_not_named_inline() throws IOException {
        List<String> inline = new ArrayList<>();
        for (Path file : sources()) {
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("import ") && !line.startsWith("@import ") && !line.startsWith("package ") && INLINE.matcher(line).find()) {
                    inline.add(file + ": " + line.strip());
                }
            }
        }
        assertThat(inline).isEmpty();
    }

    @Test
    void the_rules_hold_no_cycle() {
        for (String pkg : ALLOWED.keySet()) {
            assertThat(reachable(pkg, pkg, new ArrayList<>())).as("a cycle through " + pkg).isFalse();
        }
    }

    @Test
    void a_forbidden_import_is_caught() {
        Matcher m = IMPORT.matcher("package dateline.platform;\nimport dateline.site.PageCache;\n");

        assertThat(m.find()).isTrue();
        assertThat(ALLOWED.get("platform")).doesNotContain(m.group(1));
    }

    private static boolean reachable(String from, String target, List<String> path) {
        for (String next : ALLOWED.get(from)) {
            if (next.equals(target)) {
                return true;
            }
            if (!path.contains(next)) {
                path.add(next);
                if (reachable(next, target, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The package of a source below dateline/ (or of a template, by its folder); null for the root package. */
    private static String packageOf(Path file) {
        Path relative = file.startsWith(JAVA) ? JAVA.relativize(file) : JTE.relativize(file);
        if (file.startsWith(JTE)) {
            String folder = relative.getName(0).toString();
            return switch (folder) {
                case "layout", "tag" -> "site"; // the site's shared layout and tags
                default -> folder;
            };
        }
        return relative.getNameCount() == 1 ? null : relative.getName(0).toString();
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(JAVA, JTE)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".jte")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        return files;
    }
}
