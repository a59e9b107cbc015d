package io.tarn.glue.engine.classifier;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sample parsed as delimited text with one delimiter and quote: its first rows (AWS's CSV
 * classifier reads at most 1,000 records), whether any value was quoted, and the type of each
 * column's values as AWS's CSV classifier infers them ({@code boolean}, {@code bigint},
 * {@code double}, else {@code string}; empty values say nothing).
 */
record CsvTable(char delimiter, char quote, List<List<String>> rows, boolean quoted, boolean limited) {

    /** 1,000 records and a header. */
    static final int MAX_ROWS = 1001;

    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,19}");
    private static final Pattern FRACTIONAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** The sample's rows; empty when it does not parse with this delimiter and quote. */
    static Optional<CsvTable> parse(TextSample sample, char delimiter, char quote) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar(quote)
                .withoutEscapeChar();
        List<List<String>> rows = new ArrayList<>();
        boolean limited = false;
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(schema).readValues(sample.text())) {
            while (it.hasNextValue()) {
                if (rows.size() == MAX_ROWS) {
                    limited = true;
                    break;
                }
                String[] row = it.nextValue();
                if (!(row.length == 1 && row[0].isBlank())) {
                    rows.add(List.of(row));
                }
            }
        } catch (IOException | RuntimeException bad) {
            return Optional.empty();
        }
        return Optional.of(new CsvTable(delimiter, quote, List.copyOf(rows), anyQuoted(sample.text(), delimiter, quote), limited));
    }

    /** Every row has the same number of columns; that number, or -1. */
    int consistentWidth() {
        if (rows.isEmpty()) {
            return -1;
        }
        int width = rows.get(0).size();
        return rows.stream().allMatch(r -> r.size() == width) ? width : -1;
    }

    /** Column {@code index}'s type over rows {@code from}..end. */
    HiveType columnType(int index, int from, boolean trim) {
        HiveType type = HiveType.UNKNOWN;
        for (List<String> row : rows.subList(from, rows.size())) {
            type = type.merge(valueType(trim ? row.get(index).strip() : row.get(index)));
            if (type == HiveType.STRING) {
                break;
            }
        }
        return type;
    }

    static HiveType valueType(String value) {
        if (value.isEmpty()) {
            return HiveType.UNKNOWN;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return HiveType.BOOLEAN;
        }
        if (WHOLE.matcher(value).matches()) {
            try {
                Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
                return HiveType.BIGINT;
            } catch (NumberFormatException tooLong) {
                return HiveType.DOUBLE;
            }
        }
        return FRACTIONAL.matcher(value).matches() ? HiveType.DOUBLE : HiveType.STRING;
    }

    /** Some value starts with the quote: at a line's start or right after a delimiter. */
    private static boolean anyQuoted(String text, char delimiter, char quote) {
        char previous = '\n';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote && (previous == '\n' || previous == delimiter)) {
                return true;
            }
            previous = c;
        }
        return false;
    }
}
