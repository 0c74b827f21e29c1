package dateline.ingest;

import dateline.ingest.WireFormat.Refused;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML from outside, read safely: no DOCTYPE at all (so no external entities and no entity expansion
 * bombs), no external schemas or stylesheets, and every problem reported with its line and column.
 */
final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A builder per thread: making one costs more than parsing a news item with it. */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::builder);

    private static DocumentBuilder builder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(STRICT);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every error stops the parse with its line and column; warnings are ignored. */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    static Document parse(byte[] bytes, String what) throws Refused {
        DocumentBuilder builder = BUILDERS.get();
        builder.setErrorHandler(STRICT); // reset() forgets it
        try {
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) {
                return refuse(what + " declares a DOCTYPE (line " + e.getLineNumber() + "): refused, as entities could read files or expand without end");
            }
            return refuse(what + " is not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message);
        } catch (SAXException | IOException e) {
            return refuse(what + " could not be read as XML: " + e.getMessage());
        } finally {
            builder.reset();
        }
    }

    private static Document refuse(String reason) throws Refused {
        throw new Refused(reason);
    }
}
