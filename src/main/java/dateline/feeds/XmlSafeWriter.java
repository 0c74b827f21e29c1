package dateline.feeds;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.namespace.NamespaceContext;

/**
 * An XML writer that drops the characters XML 1.0 cannot carry (control characters other than tab,
 * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) from every text, CDATA section
 * and attribute value. One such character in a headline would otherwise make the whole feed
 * unreadable for every subscriber.
 */
final class XmlSafeWriter implements XMLStreamWriter {
    private final XMLStreamWriter w;

    XmlSafeWriter(XMLStreamWriter writer) {
        this.w = writer;
    }

    /** The text without characters XML 1.0 forbids; the same string when it has none. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public void writeCharacters(String text) throws XMLStreamException {
        w.writeCharacters(clean(text));
    }

    @Override
    public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
        w.writeCharacters(clean(new String(text, start, len)));
    }

    @Override
    public void writeCData(String data) throws XMLStreamException {
        w.writeCData(clean(data));
    }

    @Override
    public void writeAttribute(String localName, String value) throws XMLStreamException {
        w.writeAttribute(localName, clean(value));
    }

    @Override
    public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
        w.writeAttribute(namespaceURI, localName, clean(value));
    }

    @Override
    public void writeAttribute(String prefix, String namespaceURI, String localName, String value) throws XMLStreamException {
        w.writeAttribute(prefix, namespaceURI, localName, clean(value));
    }

    @Override
    public void writeStartElement(String localName) throws XMLStreamException {
        w.writeStartElement(localName);
    }

    @Override
    public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
        w.writeStartElement(namespaceURI, localName);
    }

    @Override
    public void writeStartElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        w.writeStartElement(prefix, localName, namespaceURI);
    }

    @Override
    public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
        w.writeEmptyElement(namespaceURI, localName);
    }

    @Override
    public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        w.writeEmptyElement(prefix, localName, namespaceURI);
    }

    @Override
    public void writeEmptyElement(String localName) throws XMLStreamException {
        w.writeEmptyElement(localName);
    }

    @Override
    public void writeEndElement() throws XMLStreamException {
        w.writeEndElement();
    }

    @Override
    public void writeEndDocument() throws XMLStreamException {
        w.writeEndDocument();
    }

    @Override
    public void close() throws XMLStreamException {
        w.close();
    }

    @Override
    public void flush() throws XMLStreamException {
        w.flush();
    }

    @Override
    public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
        w.writeNamespace(prefix, namespaceURI);
    }

    @Override
    public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
        w.writeDefaultNamespace(namespaceURI);
    }

    @Override
    public void writeComment(String data) throws XMLStreamException {
        w.writeComment(clean(data));
    }

    @Override
    public void writeProcessingInstruction(String target) throws XMLStreamException {
        w.writeProcessingInstruction(target);
    }

    @Override
    public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
        w.writeProcessingInstruction(target, clean(data));
    }

    @Override
    public void writeDTD(String dtd) throws XMLStreamException {
        w.writeDTD(dtd);
    }

    @Override
    public void writeEntityRef(String name) throws XMLStreamException {
        w.writeEntityRef(name);
    }

    @Override
    public void writeStartDocument() throws XMLStreamException {
        w.writeStartDocument();
    }

    @Override
    public void writeStartDocument(String version) throws XMLStreamException {
        w.writeStartDocument(version);
    }

    @Override
    public void writeStartDocument(String encoding, String version) throws XMLStreamException {
        w.writeStartDocument(encoding, version);
    }

    @Override
    public String getPrefix(String uri) throws XMLStreamException {
        return w.getPrefix(uri);
    }

    @Override
    public void setPrefix(String prefix, String uri) throws XMLStreamException {
        w.setPrefix(prefix, uri);
    }

    @Override
    public void setDefaultNamespace(String uri) throws XMLStreamException {
        w.setDefaultNamespace(uri);
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
        w.setNamespaceContext(context);
    }

    @Override
    public NamespaceContext getNamespaceContext() {
        return w.getNamespaceContext();
    }

    @Override
    public Object getProperty(String name) {
        return w.getProperty(name);
    }
}
