package org.polder.common;

import org.springframework.http.HttpStatus;

/**
 * The thing asked for does not exist, or belongs to someone else: both answer 404 so that nobody
 * learns whether another person's resource exists.
 */
public class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " was not found");
    }
}
