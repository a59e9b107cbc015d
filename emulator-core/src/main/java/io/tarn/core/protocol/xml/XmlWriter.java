package io.tarn.core.protocol.xml;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes the XML answers of the query and rest-xml protocols (the JDK's StAX, escaped properly).
 * StAX writes into characters, encoded to UTF-8 once at the end: its UTF-8 stream writer encodes
 * character by character into a synchronized stream, which made writing a listing page of 1,000
 * keys cost more than reading it from the store.
 */
public final class XmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final CharBuffer out = new CharBuffer();
    private final XMLStreamWriter xml;

    public XmlWriter() {
        try {
            xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an element, with a default namespace when {@code xmlns} is not null. */
    public XmlWriter start(String name, @Nullable String xmlns) {
        try {
            xml.writeStartElement(name);
            if (xmlns != null) {
                xml.writeDefaultNamespace(xmlns);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlWriter start(String name) {
        return start(name, null);
    }

    /** Declares a namespace prefix on the element just opened. */
    public XmlWriter namespace(String prefix, String uri) {
        try {
            xml.writeNamespace(prefix, uri);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** An attribute on the element just opened; {@code prefix} and {@code uri} may be null for none. */
    public XmlWriter attribute(@Nullable String prefix, @Nullable String uri, String name, String value) {
        try {
            if (prefix == null) {
                xml.writeAttribute(name, value);
            } else {
                xml.writeAttribute(prefix, uri, name, value);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Text inside the element just opened. */
    public XmlWriter text(String value) {
        try {
            xml.writeCharacters(value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlWriter end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    public XmlWriter element(String name, @Nullable Object value) {
        if (value == null) {
            return this;
        }
        try {
            xml.writeStartElement(name);
            xml.writeCharacters(value.toString());
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public byte[] toBytes() {
        try {
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Writer over a StringBuilder: no locking, unlike StringWriter and CharArrayWriter. */
    private static final class CharBuffer extends Writer {
        final StringBuilder text = new StringBuilder(512);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
