package org.polder.common;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A rule of the domain said no. Carries the HTTP status the API answers with, a short title, a
 * message that names what is wrong and where, and optional extra properties (for example the
 * lowest acceptable reward, or the row and column of a bad CSV cell).
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;
    private String code;
    private Object[] args = new Object[0];

    public DomainException(HttpStatus status, String title, String message, Map<String, Object> properties) {
        super(message);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public DomainException(HttpStatus status, String title, String message) {
        this(status, title, message, Map.of());
    }

    public static DomainException invalid(String message) {
        return new DomainException(HttpStatus.BAD_REQUEST, "Invalid request", message);
    }

    public static DomainException invalid(String message, Map<String, Object> properties) {
        return new DomainException(HttpStatus.BAD_REQUEST, "Invalid request", message, properties);
    }

    public static DomainException conflict(String message) {
        return new DomainException(HttpStatus.CONFLICT, "Conflict", message);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(HttpStatus.FORBIDDEN, "Forbidden", message);
    }

    /**
     * Names this problem in the message bundles ({@code problem.*}), so that pages can say it in the
     * reader's language; the English message stays the API's detail and the fallback.
     */
    public DomainException code(String code, Object... args) {
        this.code = code;
        this.args = args.clone();
        return this;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
