package dateline.platform;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.nio.file.Path;

/**
 * Renders jte templates to UTF-8 bytes.
 *
 * <p>In production the templates are precompiled into the jar with their static text as bytes; in
 * dev mode they are compiled from {@code src/main/jte} and reloaded when they change.
 */
public final class Templates {
    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    public static Templates forMode(boolean devMode) {
        if (devMode) {
            TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(Path.of("src/main/jte")),
                    Path.of("target/jte-dev-classes"), ContentType.Html);
            engine.setBinaryStaticContent(true);
            return new Templates(engine);
        }
        return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
    }

    /** Renders the template at {@code name} (e.g. "site/article.jte") with its one parameter. */
    public byte[] render(String name, Object page) {
        Utf8ByteOutput output = new Utf8ByteOutput(16 * 1024);
        engine.render(name, page, output);
        return output.toByteArray();
    }
}
