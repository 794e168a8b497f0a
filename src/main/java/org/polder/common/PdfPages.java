package org.polder.common;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;

/**
 * Printable pages (invoices, statements) rendered to PDF from the very template the page uses, so that the page
 * and the PDF never differ. The template gets {@code pdf} (true here) and {@code cssHref}, the printable sheet.
 */
@Component
public class PdfPages {

    private final ITemplateEngine templates;
    private final ApplicationContext context;
    private final String css;

    PdfPages(ITemplateEngine templates, ApplicationContext context) {
        this.templates = templates;
        this.context = context;
        URL sheet = PdfPages.class.getResource("/static/css/invoice.css");
        this.css = sheet == null ? "" : sheet.toExternalForm();
    }

    /** The page as a PDF file to download. */
    public ResponseEntity<byte[]> download(String template, Map<String, Object> variables, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(render(template, variables));
    }

    public byte[] render(String template, Map<String, Object> variables) {
        Context page = new Context(LocaleContextHolder.getLocale());
        page.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, null));
        variables.forEach(page::setVariable);
        page.setVariable("cssHref", css);
        page.setVariable("pdf", true);
        String html = templates.process(template, page);
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
