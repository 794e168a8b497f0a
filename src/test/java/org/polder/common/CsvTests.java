package org.polder.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertThat(Csv.cell("cat")).isEqualTo("cat");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(Csv.cell(null)).isEmpty();
    }
}
