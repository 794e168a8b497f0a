package org.polder.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvParserTests {

    private static CsvTable parse(String text) {
        return CsvParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsHeaderAndRows() {
        CsvTable table = parse("image,label\na.png,cat\nb.png,dog\n");
        assertThat(table.header()).containsExactly("image", "label");
        assertThat(table.rows()).containsExactly(List.of("a.png", "cat"), List.of("b.png", "dog"));
    }

    @Test
    void stripsByteOrderMarkAndAcceptsCrLf() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "name,age\r\nAda,36\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        CsvTable table = CsvParser.parse(all);
        assertThat(table.header()).containsExactly("name", "age");
        assertThat(table.rows()).containsExactly(List.of("Ada", "36"));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        CsvTable table = parse("text,n\n\"Hello, \"\"world\"\"\",1\n\"two\nlines\",2\n\"\",3");
        assertThat(table.rows()).containsExactly(List.of("Hello, \"world\"", "1"), List.of("two\nlines", "2"), List.of("", "3"));
    }

    @Test
    void keepsUnicodeAndSkipsBlankLines() {
        CsvTable table = parse("word\nkaas\n\nžluťoučký 🐄\n\n");
        assertThat(table.rows()).containsExactly(List.of("kaas"), List.of("žluťoučký 🐄"));
    }

    @Test
    void refusesAnUnbalancedQuoteNamingRowAndColumn() {
        assertThatThrownBy(() -> parse("a,b\n1,2\n3,\"open\n4,5\n"))
                .isInstanceOf(CsvProblem.class)
                .hasMessageContaining("Row 3, column 2")
                .hasMessageContaining("never closed")
                .satisfies(e -> assertThat(((CsvProblem) e).properties()).containsEntry("row", 3).containsEntry("column", 2));
    }

    @Test
    void refusesTextAfterAClosingQuote() {
        assertThatThrownBy(() -> parse("a,b\n\"x\"y,2\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("Row 2, column 1");
    }

    @Test
    void refusesAQuoteInsideAnUnquotedValue() {
        assertThatThrownBy(() -> parse("a,b\n1,ab\"c\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("Row 2, column 2");
    }

    @Test
    void refusesTooFewAndTooManyColumnsNamingTheRow() {
        assertThatThrownBy(() -> parse("a,b,c\n1,2,3\n4,5\n"))
                .isInstanceOf(CsvProblem.class)
                .hasMessageContaining("Row 3 has 2 values but the header has 3")
                .hasMessageContaining("column 3 (c)");
        assertThatThrownBy(() -> parse("a,b\n1,2,3\n"))
                .isInstanceOf(CsvProblem.class)
                .hasMessageContaining("Row 2 has 3 values but the header has 2");
    }

    @Test
    void refusesInvalidUtf8NamingTheRow() {
        byte[] bytes = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3; // a lead byte followed by an invalid continuation
        bad[bytes.length + 1] = (byte) 0x28;
        assertThatThrownBy(() -> CsvParser.parse(bad)).isInstanceOf(CsvProblem.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("row 3");
    }

    @Test
    void refusesLatin1Text() {
        byte[] latin1 = "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvParser.parse(latin1)).isInstanceOf(CsvProblem.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesEmptyFilesAndHeaderOnlyFiles() {
        assertThatThrownBy(() -> CsvParser.parse(new byte[0])).isInstanceOf(CsvProblem.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("\n\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("a,b\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("no rows");
    }

    @Test
    void refusesBadHeaders() {
        assertThatThrownBy(() -> parse("a,,c\n1,2,3\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("Column 2 of the header has no name");
        assertThatThrownBy(() -> parse("a,b,a\n1,2,3\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("repeats the name 'a'");
    }

    @Test
    void readsOneHundredThousandRows() {
        StringBuilder csv = new StringBuilder("id,image,text\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",img-").append(i).append(".png,\"some text, with a comma ").append(i).append("\"\n");
        }
        CsvTable table = parse(csv.toString());
        assertThat(table.rows()).hasSize(100_000);
        assertThat(table.rows().get(99_999)).containsExactly("99999", "img-99999.png", "some text, with a comma 99999");
    }

    @Test
    void refusesBinaryFilesAndOverlongValuesNamingWhere() {
        assertThatThrownBy(() -> parse("a,b\n1,2\n3,x\u0000y\n")).isInstanceOf(CsvProblem.class).hasMessageContaining("Line 3")
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> parse("a,b\n1,2\n3," + "x".repeat(CsvParser.MAX_VALUE_LENGTH + 1) + "\n"))
                .isInstanceOf(CsvProblem.class).hasMessageContaining("Row 3, column 2 (b)");
        assertThat(parse("a,b\n1," + "x".repeat(CsvParser.MAX_VALUE_LENGTH) + "\n").rows()).hasSize(1);
    }
}
