package org.polder.common;

import java.util.List;

/** A parsed CSV file: its header and its rows, each row as many values as the header has names. */
public record CsvTable(List<String> header, List<List<String>> rows) {
}
