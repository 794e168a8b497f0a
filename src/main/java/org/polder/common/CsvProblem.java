package org.polder.common;

import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CSV file was refused. Names the row (1 is the header) and, where it applies, the column. Nothing
 * of the file was imported.
 */
public class CsvProblem extends DomainException {

    public CsvProblem(String message, Integer row, Integer column, String columnName) {
        super(HttpStatus.BAD_REQUEST, "Invalid CSV file", message, properties(row, column, columnName));
    }

    @Override
    public CsvProblem code(String code, Object... args) {
        super.code(code, args);
        return this;
    }

    private static Map<String, Object> properties(Integer row, Integer column, String columnName) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (row != null) {
            p.put("row", row);
        }
        if (column != null) {
            p.put("column", column);
        }
        if (columnName != null) {
            p.put("columnName", columnName);
        }
        return p;
    }
}
