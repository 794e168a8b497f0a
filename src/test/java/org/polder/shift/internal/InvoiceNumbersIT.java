package org.polder.shift.internal;

import org.junit.jupiter.api.Test;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoice numbers: many issues at once for one issuer take every number once, without a gap; a document keeps its number. */
class InvoiceNumbersIT extends PolderIT {

    @Autowired
    InvoiceNumbers numbers;

    @Test
    void manyIssuesAtOnceGetEveryNumberOnceWithoutAGap() throws Exception {
        String issuer = Fixtures.unique("W");
        int documents = 24;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<InvoiceNumbers.Issued>> issued = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            String document = issuer + ":doc-" + (i % (documents / 2));   // each document asked for twice
            issued.add(pool.submit(() -> {
                start.await();
                return numbers.issue(issuer, issuer + "-", document);
            }));
        }
        start.countDown();
        List<String> got = new ArrayList<>();
        for (Future<InvoiceNumbers.Issued> f : issued) {
            got.add(f.get().number());
        }
        pool.shutdown();
        assertThat(got.stream().distinct().sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, documents / 2).mapToObj(n -> InvoiceNumbers.format(issuer + "-", n)).toList());
        // Asked again, a document has the number it was first given.
        assertThat(numbers.issue(issuer, issuer + "-", issuer + ":doc-0").number()).isEqualTo(got.get(0));
    }
}
