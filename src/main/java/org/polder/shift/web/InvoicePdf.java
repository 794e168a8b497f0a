package org.polder.shift.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.polder.shift.Invoice;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** Renders the invoice page's own template to PDF, so that the page and the PDF never differ. */
@Component
class InvoicePdf {

    private final ITemplateEngine templates;
    private final ApplicationContext context;
    private final String css;

    InvoicePdf(ITemplateEngine templates, ApplicationContext context) {
        this.templates = templates;
        this.context = context;
        URL sheet = InvoicePdf.class.getResource("/static/css/invoice.css");
        this.css = sheet == null ? "" : sheet.toExternalForm();
    }

    /** The invoice as a PDF file to download. */
    ResponseEntity<byte[]> download(Invoice invoice) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename((invoice.number() != null ? "invoice-" + invoice.number() : "statement-" + invoice.from()) + ".pdf").build().toString())
                .body(render(invoice));
    }

    byte[] render(Invoice invoice) {
        Context variables = new Context(LocaleContextHolder.getLocale());
        variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, null));
        variables.setVariable("invoice", invoice);
        variables.setVariable("cssHref", css);
        variables.setVariable("pdf", true);
        String html = templates.process("shift/invoice", variables);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, css);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
