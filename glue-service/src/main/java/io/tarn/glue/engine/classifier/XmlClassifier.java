package io.tarn.glue.engine.classifier;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A custom XML classifier: every element named RowTag is a record; its attributes and child
 * elements are the columns (an element with children or attributes a {@code struct}, a repeated
 * one an {@code array}, text typed as the CSV classifier types values). Parsed with the JDK's StAX
 * reader, DTDs and external entities off. A sample cut short loses only its unfinished record.
 */
final class XmlClassifier {

    private static final XMLInputFactory FACTORY = newFactory();

    private XmlClassifier() {}

    static Optional<FileSchema> classify(TextSample sample, CustomClassifierDefinition.Xml definition) {
        HiveType merged = HiveType.UNKNOWN;
        long records = 0;
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(sample.text()));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT
                            && reader.getLocalName().equals(definition.rowTag())) {
                        merged = merged.merge(element(reader));
                        records++;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException cutOrInvalid) {
            if (records == 0 || sample.complete()) {
                return Optional.empty();
            }
        }
        if (!(merged instanceof HiveType.Struct struct) || struct.fields().isEmpty()) {
            return Optional.empty();
        }
        List<FileSchema.Column> columns = new ArrayList<>();
        struct.fields().forEach((name, type) -> columns.add(new FileSchema.Column(name.toLowerCase(Locale.ROOT), type.hiveName())));
        return Optional.of(new FileSchema(definition.classification(), sample.compression().typeName, List.copyOf(columns),
                StorageFormats.XML_INPUT, StorageFormats.TEXT_OUTPUT, StorageFormats.XML_SERDE,
                Map.of(), Map.of("rowTag", definition.rowTag()),
                sample.estimatedRecords(records), sample.averageRecordSize(records)));
    }

    /** The element the reader is at, read to its end tag. */
    private static HiveType element(XMLStreamReader reader) throws XMLStreamException {
        Map<String, HiveType> fields = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            fields.put(reader.getAttributeLocalName(i), CsvTable.valueType(reader.getAttributeValue(i)));
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                HiveType child = element(reader);
                if (seen.merge(name, 1, Integer::sum) > 1) {
                    HiveType previous = fields.get(name);
                    HiveType element = previous instanceof HiveType.Array a ? a.element() : previous;
                    fields.put(name, new HiveType.Array(element.merge(child)));
                } else {
                    fields.put(name, child);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        return fields.isEmpty() ? CsvTable.valueType(text.toString().strip()) : new HiveType.Struct(fields);
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
