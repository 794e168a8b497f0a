package org.polder.common;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writing CSV for people who open it in a spreadsheet: quoted where needed, formulas neutralised. */
public final class Csv {

    private Csv() {
    }

    public static void line(Writer writer, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(values.get(i)));
        }
        writer.write("\r\n");
    }

    /**
     * Quotes a value for CSV and neutralises spreadsheet formulas: a value starting with = + - @
     * (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it as text.
     */
    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.startsWith("'")) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
