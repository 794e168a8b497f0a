package org.polder.demo;

/** A demo account to log in with, shown on the start page and printed at start-up. */
public record DemoLogin(String username, String password, String role, String description) {
}
