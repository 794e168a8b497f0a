package org.polder.account.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}.
 *
 * <p>For a small request that changes something (a claim, a hand-in: the busiest paths), the connection
 * that reads the token stays with the request until it is answered, and the request's transactions run
 * on it: one pool checkout rather than one for the token and one per transaction. Reads (which may answer
 * with a large file to a slow phone) and uploads keep no connection beyond their own reads, so that slow
 * clients never hold the pool.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final Accounts accounts;
    private final DataSource dataSource;

    BearerTokenFilter(Accounts accounts, DataSource dataSource) {
        this.accounts = accounts;
        this.dataSource = dataSource;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        if (!smallChange(request) || TransactionSynchronizationManager.hasResource(dataSource)) {
            authenticate(header);
            chain.doFilter(request, response);
            return;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ServletException("No database connection for this request", e);
        }
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
        try {
            authenticate(header);
            chain.doFilter(request, response);
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
            JdbcUtils.closeConnection(connection);
        }
    }

    private void authenticate(String header) {
        accounts.byToken(header.substring(7).strip()).ifPresent(account -> {
            UsernamePasswordAuthenticationToken authentication = org.polder.account.Sessions.authentication(Accounts.user(account));
            // The account as read with the token: a request about the account itself needs no second read.
            authentication.setDetails(account);
            SecurityContextHolder.getContext().setAuthentication(authentication);
        });
    }

    /** A request that changes something, with a small body of known length that is not an upload. */
    static boolean smallChange(HttpServletRequest request) {
        String method = request.getMethod();
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        return !method.equals("GET") && !method.equals("HEAD") && length >= 0 && length <= SMALL
                && (type == null || !type.regionMatches(true, 0, "multipart/", 0, 10));
    }

    private static final long SMALL = 64 * 1024;
}
