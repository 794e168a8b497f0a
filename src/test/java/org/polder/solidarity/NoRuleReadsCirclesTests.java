package org.polder.solidarity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /rules promises: no automated rule reads anything about a sick-pay circle. Code that takes automated decisions
 * (marked {@code @Automated}) never touches circles, their tables or their money; only this module names the tables, and
 * outside it the ledger knows the reserves only as an account type (kept apart from earnings) and the bank's
 * reconciliation only as one total.
 */
class NoRuleReadsCirclesTests {

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void automatedCodeNeverTouchesCircles() throws IOException {
        for (Path file : sources()) {
            String code = Files.readString(file);
            if (code.contains("@Automated(")) {
                assertThat(code).as(file.toString()).doesNotContain("org.polder.solidarity", "circle_", "CIRCLE_", "circleReserve");
            }
        }
    }

    @Test
    void onlyTheCirclesModuleNamesTheirTablesAndOnlyTheLedgerAndTheBankTheirMoney() throws IOException {
        for (Path file : sources()) {
            String code = Files.readString(file);
            String path = file.toString().replace('\\', '/');
            if (path.contains("/org/polder/solidarity/")) {
                continue;
            }
            assertThat(code).as(path).doesNotContain("circle_member", "circle_illness", "circle_gift", "circle_contribution", "FROM circle ");
            if (code.contains("CIRCLE_")) {
                assertThat(path).as("circle money outside the ledger").containsAnyOf("/org/polder/ledger/Ledger", "/org/polder/bank/Reconciliation.java");
            }
        }
    }
}
