package org.polder.ledger;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of work moves its money through {@link Escrow}: no code outside the ledger names an escrow account. */
class EscrowOwnershipTests {

    private static final Pattern ESCROW_ACCOUNT = Pattern.compile("\\b(batchEscrow|shiftEscrow|errandEscrow)\\(|Type\\.(BATCH|SHIFT|ERRAND)_ESCROW");

    @Test
    void onlyTheLedgerNamesEscrowAccounts() throws IOException {
        Path main = Path.of("src/main/java/org/polder");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("ledger")))
                    .filter(f -> {
                        try {
                            return ESCROW_ACCOUNT.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("files outside ledger that spell out escrow legs; use Escrow's verbs").isEmpty();
    }
}
