package io.tarn.core.protocol.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/** Writes the XML answers of the query and rest-xml protocols (the JDK's StAX, escaped properly). */
public final class XmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter xml;

    public XmlWriter() {
        try {
            xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
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
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
