package io.tarn.glue.engine.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code csv} classification, built in and custom. The built-in one tries the delimiters AWS
 * documents (comma, pipe, tab, semicolon, Ctrl-A, in that order) with the double quote and takes
 * the first that splits every sampled row into the same two or more columns; a custom CsvClassifier
 * fixes the delimiter, quote, header and SerDe. A header is found by AWS's documented rules
 * ("Built-in CSV classifier"), else columns are named {@code col0}, {@code col1}... Quoted values
 * make the table {@code OpenCSVSerde}'s, else {@code LazySimpleSerDe}'s.
 */
final class CsvClassifier {

    private static final char[] DELIMITERS = {',', '|', '\t', ';', '\u0001'};
    private static final char DEFAULT_QUOTE = '"';
    /** A header cell other than the last must be shorter than this. */
    private static final int MAX_HEADER_CELL = 150;
    /** Glue's column name: one line of printable characters, 1 to 255 of them. */
    private static final Pattern COLUMN_NAME =
            Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]{1,255}");

    private enum HeaderRule { DETECT, PRESENT, ABSENT }

    private enum Serde { DETECT, OPEN_CSV, LAZY_SIMPLE }

    private CsvClassifier() {}

    static Optional<FileSchema> classifyBuiltIn(TextSample sample) {
        for (char delimiter : DELIMITERS) {
            Optional<CsvTable> table = CsvTable.parse(sample, delimiter, DEFAULT_QUOTE);
            if (table.isPresent() && table.get().consistentWidth() >= 2) {
                return schema(sample, table.get(), HeaderRule.DETECT, null, false, Serde.DETECT, false);
            }
        }
        return Optional.empty();
    }

    static Optional<FileSchema> classifyCustom(TextSample sample, CustomClassifierDefinition.Csv def) {
        char delimiter = single(def.delimiter(), ',');
        char quote = single(def.quoteSymbol(), DEFAULT_QUOTE);
        HeaderRule header = switch (String.valueOf(def.containsHeader()).toUpperCase(Locale.ROOT)) {
            case "PRESENT" -> HeaderRule.PRESENT;
            case "ABSENT" -> HeaderRule.ABSENT;
            default -> HeaderRule.DETECT;
        };
        Serde serde = switch (String.valueOf(def.serde()).toUpperCase(Locale.ROOT)) {
            case "OPENCSVSERDE" -> Serde.OPEN_CSV;
            case "LAZYSIMPLESERDE" -> Serde.LAZY_SIMPLE;
            default -> Serde.DETECT;
        };
        // DisableValueTrimming's default is true: values are typed as they are
        boolean trim = Boolean.FALSE.equals(def.disableValueTrimming());
        boolean single = Boolean.TRUE.equals(def.allowSingleColumn());
        return CsvTable.parse(sample, delimiter, quote)
                .flatMap(table -> schema(sample, table, header, def.header(), trim, serde, single));
    }

    private static Optional<FileSchema> schema(TextSample sample, CsvTable table, HeaderRule headerRule,
                                               @Nullable List<String> names, boolean trim, Serde serde,
                                               boolean allowSingleColumn) {
        int width = table.consistentWidth();
        // "the table schema must have at least two columns and two rows of data"
        if (width < (allowSingleColumn ? 1 : 2) || table.rows().size() < 2) {
            return Optional.empty();
        }
        boolean header = switch (headerRule) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> looksLikeHeader(table, width, trim);
        };
        int first = header ? 1 : 0;
        List<FileSchema.Column> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String name = names != null && i < names.size() ? names.get(i)
                    : header && !table.rows().get(0).get(i).isEmpty() ? table.rows().get(0).get(i) : "col" + i;
            columns.add(new FileSchema.Column(name.toLowerCase(Locale.ROOT), table.columnType(i, first, trim).hiveName()));
        }
        String delimiter = String.valueOf(table.delimiter());
        boolean openCsv = serde == Serde.OPEN_CSV || (serde == Serde.DETECT && table.quoted());
        Map<String, String> serdeParameters = openCsv
                ? Map.of("separatorChar", delimiter, "quoteChar", String.valueOf(table.quote()))
                : Map.of("field.delim", delimiter);
        Map<String, String> tableParameters = new LinkedHashMap<>();
        tableParameters.put("delimiter", delimiter);
        tableParameters.put("areColumnsQuoted", String.valueOf(table.quoted()));
        tableParameters.put("columnsOrdered", "true");
        if (header) {
            tableParameters.put("skip.header.line.count", "1");
        }
        // past the rows read, the sample's lines count the records (a quoted line break aside)
        long records = (table.limited() ? sample.lines().size() : table.rows().size()) - first;
        return Optional.of(new FileSchema("csv", sample.compression().typeName, List.copyOf(columns),
                StorageFormats.TEXT_INPUT, StorageFormats.TEXT_OUTPUT,
                openCsv ? StorageFormats.OPEN_CSV_SERDE : StorageFormats.LAZY_SIMPLE_SERDE,
                serdeParameters, Map.copyOf(tableParameters),
                sample.estimatedRecords(records), sample.averageRecordSize(records)));
    }

    /**
     * AWS's rules: every cell of the first row is a string, under 150 characters (the last may be
     * anything, even empty, for a trailing delimiter) and a valid column name; and the row must
     * differ from the data: some column's data is not all strings.
     */
    private static boolean looksLikeHeader(CsvTable table, int width, boolean trim) {
        List<String> first = table.rows().get(0);
        for (int i = 0; i < width; i++) {
            String cell = trim ? first.get(i).strip() : first.get(i);
            boolean last = i == width - 1;
            if (last && cell.isEmpty()) {
                continue;
            }
            if (CsvTable.valueType(cell) != HiveType.STRING || !COLUMN_NAME.matcher(cell).matches()
                    || (!last && cell.length() >= MAX_HEADER_CELL)) {
                return false;
            }
        }
        for (int i = 0; i < width; i++) {
            HiveType type = table.columnType(i, 1, trim);
            if (!type.equals(HiveType.STRING) && !type.equals(HiveType.UNKNOWN)) {
                return true;
            }
        }
        return false;
    }

    private static char single(@Nullable String symbol, char fallback) {
        return symbol == null || symbol.isEmpty() ? fallback : symbol.charAt(0);
    }
}
