package org.polder.site;

import jakarta.servlet.http.HttpServletResponse;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors on pages become a friendly error page with the right status: 404 for what is not there or
 * not yours, 403 for what your role does not allow. Never a stack trace.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final Texts texts;

    PageExceptionHandler(Texts texts) {
        this.texts = texts;
    }

    @ExceptionHandler(DomainException.class)
    String domain(DomainException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", texts.of(e));
        return "error";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badParameter(MethodArgumentTypeMismatchException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("message", "'" + e.getValue() + "' is not a valid " + e.getName());
        return "error";
    }

    /** A live stream (server-sent events) that ran its time, or was open when the server stopped: the page reconnects. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestTimeoutException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE)
    @org.springframework.web.bind.annotation.ResponseBody
    void streamEnded() {
    }

    @ExceptionHandler(RuntimeException.class)
    String unexpected(RuntimeException e, HttpServletResponse response, Model model) {
        log.error("Unexpected error on a page", e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        return "error";
    }
}
