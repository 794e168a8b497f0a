package org.polder.shift.web;

import org.polder.common.PdfPages;
import org.polder.shift.Invoice;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Renders the invoice page's own template to PDF, so that the page and the PDF never differ. */
@Component
class InvoicePdf {

    private final PdfPages pdf;

    InvoicePdf(PdfPages pdf) {
        this.pdf = pdf;
    }

    /** The invoice as a PDF file to download. */
    ResponseEntity<byte[]> download(Invoice invoice) {
        return pdf.download("shift/invoice", Map.of("invoice", invoice),
                (invoice.number() != null ? "invoice-" + invoice.number() : "statement-" + invoice.from()) + ".pdf");
    }
}
