package io.tarn.s3.api.xml;

import io.tarn.s3.S3Errors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the small XML documents S3 requests carry (Delete, CompleteMultipartUpload, Tagging,
 * CORSConfiguration...) with the JDK's DOM parser, DTDs and external entities off. Elements are
 * matched by local name, so documents with or without S3's namespace read the same; anything that
 * does not parse is {@code MalformedXML}.
 */
public final class S3XmlReader {

    private static final DocumentBuilderFactory FACTORY = factory();

    private final Element element;

    private S3XmlReader(Element element) {
        this.element = element;
    }

    /** Parses {@code body}, whose root must be {@code rootName}. */
    public static S3XmlReader parse(byte[] body, String rootName) {
        if (body.length == 0) {
            throw malformed();
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body));
            Element root = doc.getDocumentElement();
            if (!rootName.equals(localName(root))) {
                throw malformed();
            }
            return new S3XmlReader(root);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw malformed();
        }
    }

    public static io.tarn.core.error.AwsException malformed() {
        return S3Errors.MALFORMED_XML.exception(
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** Child elements named {@code name}. */
    public List<S3XmlReader> children(String name) {
        List<S3XmlReader> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && name.equals(localName(n))) {
                out.add(new S3XmlReader((Element) n));
            }
        }
        return out;
    }

    /** The local names of every child element, in document order (to refuse elements a schema does not have). */
    public List<String> childNames() {
        List<String> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                out.add(localName(n));
            }
        }
        return out;
    }

    public @Nullable S3XmlReader child(String name) {
        List<S3XmlReader> all = children(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The text of child {@code name}, or null when it is absent. */
    public @Nullable String text(String name) {
        S3XmlReader child = child(name);
        return child == null ? null : child.text();
    }

    /** The texts of every child named {@code name}. */
    public List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        children(name).forEach(c -> out.add(c.text()));
        return out;
    }

    public String text() {
        return element.getTextContent();
    }

    /** An attribute in any namespace by local name ({@code xsi:type}). */
    public @Nullable String attribute(String localName) {
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (localName.equals(localName(a))) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    private static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }
}
