package org.polder.common;


import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict RFC 4180 reader: UTF-8 with or without a byte-order mark, a header row, fields separated
 * by commas, quoted fields that may hold commas, quotes ("") and line breaks. Anything malformed is
 * refused whole with the row (1 is the header) and column named. Blank lines are skipped.
 */
public final class CsvParser {

    /** The longest value a cell may hold: enough for a long document to label, not a file smuggled into a cell. */
    static final int MAX_VALUE_LENGTH = 100_000;

    private CsvParser() {
    }

    public static CsvTable parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new CsvProblem("The file is empty: it needs a header row and at least one row of data", null, null, null).code("problem.csv.empty");
        }
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            // Databases refuse NUL in text, and no text file holds one: this is a binary file.
            int line = 1 + (int) text.substring(0, nul).chars().filter(c -> c == '\n').count();
            throw new CsvProblem("Line " + line + " holds a NUL character: this is not a text file (a spreadsheet in another format?); "
                    + "save it as CSV, UTF-8", line, null, null).code("problem.csv.nul", line);
        }
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new CsvProblem("The file is empty: it needs a header row and at least one row of data", null, null, null).code("problem.csv.empty");
        }
        List<String> header = header(records.get(0));
        List<List<String>> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record == null) {
                continue;
            }
            if (record.size() != header.size()) {
                int row = i + 1;
                String where = record.size() > header.size()
                        ? "; the extra value starts in column " + (header.size() + 1)
                        : "; the missing value is column " + (record.size() + 1) + " (" + header.get(record.size()) + ")";
                throw new CsvProblem("Row " + row + " has " + record.size() + " values but the header has " + header.size() + where,
                        row, Math.min(record.size(), header.size()) + 1,
                        record.size() < header.size() ? header.get(record.size()) : null)
                        .code("problem.csv.columns", row, record.size(), header.size());
            }
            for (int c = 0; c < record.size(); c++) {
                if (record.get(c).length() > MAX_VALUE_LENGTH) {
                    throw new CsvProblem("Row " + (i + 1) + ", column " + (c + 1) + " (" + header.get(c) + "): a value of "
                            + record.get(c).length() + " characters; at most " + MAX_VALUE_LENGTH, i + 1, c + 1, header.get(c))
                            .code("problem.csv.valueTooLong", i + 1, c + 1, record.get(c).length(), MAX_VALUE_LENGTH);
                }
            }
            rows.add(record);
        }
        if (rows.isEmpty()) {
            throw new CsvProblem("The file has a header row but no rows of data", 2, null, null).code("problem.csv.noRows");
        }
        return new CsvTable(header, rows);
    }

    private static List<String> header(List<String> names) {
        if (names == null) {
            throw new CsvProblem("The first row must be a header with the column names", 1, null, null).code("problem.csv.noHeader");
        }
        List<String> header = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c).strip();
            if (name.isEmpty()) {
                throw new CsvProblem("Column " + (c + 1) + " of the header has no name", 1, c + 1, null).code("problem.csv.headerNoName", c + 1);
            }
            if (!seen.add(name)) {
                throw new CsvProblem("Column " + (c + 1) + " of the header repeats the name '" + name + "'", 1, c + 1, name).code("problem.csv.headerRepeats", c + 1, name);
            }
            header.add(name);
        }
        return header;
    }

    /** Strict UTF-8: an invalid byte sequence is refused with the row it is on. */
    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int row = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    row++;
                }
            }
            throw new CsvProblem("The file is not valid UTF-8: row " + row + " has an invalid byte sequence at byte "
                    + (offset + 1) + " of the file. Save the file as UTF-8 and upload it again", row, null, null)
                    .code("problem.csv.utf8", row, offset + 1);
        }
        try {
            decoder.flush(out);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e);
        }
        out.flip();
        return out.toString();
    }

    /** Splits the text into records; a record that is a blank line is null. */
    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = text.length();
        int i = 0;
        boolean lineHasContent = false;
        while (i < n) {
            char ch = text.charAt(i);
            int row = records.size() + 1; // the record (spreadsheet row) being read; the header is row 1
            if (ch == '"') {
                if (!field.isEmpty()) {
                    throw new CsvProblem("Row " + row + ", column " + (fields.size() + 1)
                            + ": a quote inside a value that does not start with a quote; put the whole value in quotes and double the inner quote (\"\")",
                            row, fields.size() + 1, null).code("problem.csv.quoteInside", row, fields.size() + 1);
                }
                int column = fields.size() + 1;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                if (!closed) {
                    throw new CsvProblem("Row " + row + ", column " + column
                            + ": a quoted value is never closed (unbalanced quote)", row, column, null)
                            .code("problem.csv.unclosedQuote", row, column);
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new CsvProblem("Row " + row + ", column " + column
                            + ": text after the closing quote; a quoted value must end at a comma or the end of the line",
                            row, column, null).code("problem.csv.afterQuote", row, column);
                }
                lineHasContent = true;
                continue;
            }
            if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                lineHasContent = true;
                i++;
                continue;
            }
            if (ch == '\r' || ch == '\n') {
                endRecord(records, fields, field, lineHasContent);
                fields = new ArrayList<>();
                lineHasContent = false;
                i += (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                continue;
            }
            field.append(ch);
            lineHasContent = true;
            i++;
        }
        if (lineHasContent || !fields.isEmpty() || !field.isEmpty()) {
            endRecord(records, fields, field, true);
        }
        // Drop blank lines at the very end so that the record numbers of the rest stay as they are.
        while (!records.isEmpty() && records.get(records.size() - 1) == null) {
            records.remove(records.size() - 1);
        }
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields, StringBuilder field, boolean hasContent) {
        if (!hasContent) {
            records.add(null);
            return;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
    }
}
