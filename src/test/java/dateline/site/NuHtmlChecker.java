package dateline.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Nu Html Checker (the W3C's HTML validator), run from its own class loader.
 *
 * <p>It depends on Jetty 11, which cannot share a class path with the Jetty 12 that serves the
 * site; Maven copies its jars to {@code target/nu-html-checker} and they are loaded here, apart.
 */
final class NuHtmlChecker {
    private static final Path JARS = Path.of("target", "nu-html-checker");

    private final Object validator;
    private final java.lang.reflect.Method validate;

    NuHtmlChecker() throws Exception {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(JARS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException("No checker jars in " + JARS + ": run the tests through Maven (generate-test-resources)");
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass("nu.validator.client.EmbeddedValidator");
        Class<?> format = loader.loadClass("nu.validator.client.EmbeddedValidator$OutputFormat");
        validator = type.getConstructor().newInstance();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object json = Enum.valueOf((Class) format, "JSON");
        type.getMethod("setOutputFormat", format).invoke(validator, json);
        validate = type.getMethod("validate", InputStream.class);
    }

    /** The errors (not warnings) the checker reports for a document, each with its line. */
    List<String> errors(String html) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(validate.getDeclaringClass().getClassLoader());
        String report;
        try {
            report = (String) validate.invoke(validator, new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode message : new ObjectMapper().readTree(report).path("messages")) {
            if (message.path("type").asText().equals("error") || message.path("subType").asText().equals("fatal")) {
                errors.add("line " + message.path("lastLine").asInt() + ": " + message.path("message").asText());
            }
        }
        return errors;
    }
}
