package org.polder.microtask;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCsvTests {

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(Results.csvCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Results.csvCell("+1")).isEqualTo("\"'+1\"");
        assertThat(Results.csvCell("-2")).isEqualTo("\"'-2\"");
        assertThat(Results.csvCell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertThat(Results.csvCell("cat")).isEqualTo("cat");
        assertThat(Results.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Results.csvCell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(Results.csvCell(null)).isEmpty();
    }
}
