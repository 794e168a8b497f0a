package org.polder.common;

import java.util.List;

/** One page of a longer list, newest or first items first as the endpoint documents. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public Page {
        items = List.copyOf(items);
    }

    /** Checks the paging parameters a client sent. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw DomainException.invalid("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }
}
