package org.polder.account.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A web session sees the account as it is now, at every request: roles and organisation an admin
 * changed take effect at once (a demoted moderator's open session no longer moderates), and a session
 * that began before the password changed ends. (API tokens read the account at every request anyway;
 * a password change revokes them.)
 */
public class SessionRefreshFilter extends OncePerRequestFilter {

    /** When this session's login was last confirmed: its start, or the password change made in it. */
    public static final String AUTHENTICATED_AT = SessionRefreshFilter.class.getName() + ".authenticatedAt";

    private final Accounts accounts;
    private final org.polder.account.PlayAccounts play;
    private final Clock clock;

    SessionRefreshFilter(Accounts accounts, org.polder.account.PlayAccounts play, Clock clock) {
        this.accounts = accounts;
        this.play = play;
        this.clock = clock;
    }

    /** The session that changed the password goes on; every other session of the account ends. */
    public static void passwordChangedIn(HttpSession session, Clock clock) {
        session.setAttribute(AUTHENTICATED_AT, clock.instant().plusMillis(1));
    }

    /** In milliseconds: the database may keep fewer digits than the clock gives. */
    private static boolean changedSince(Instant passwordChangedAt, Instant since) {
        return passwordChangedAt != null
                && !passwordChangedAt.truncatedTo(ChronoUnit.MILLIS).isBefore(since.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Pictures, styles and scripts need no fresh account: reading it for each of them would only cost queries. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/icons/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    /**
     * A session in a sandbox acts for the member who entered it: it ends when that member may no longer (removed from
     * the team, no longer owner or manager, the password changed since).
     */
    private boolean stillMayPlay(HttpSession session, CurrentUser user, Instant since) {
        Long real = (Long) session.getAttribute(org.polder.account.PlayAccounts.SESSION_MEMBER);
        if (real == null) {
            return true;
        }
        Optional<Accounts.SessionState> member = accounts.session(real);
        return member.isPresent() && !(since != null && changedSince(member.get().passwordChangedAt(), since))
                && play.mayEnter(member.get().user(), user.playsIn());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            Optional<Accounts.SessionState> now = accounts.session(user.id());
            Instant since = (Instant) session.getAttribute(AUTHENTICATED_AT);
            if (now.isEmpty() || since != null && changedSince(now.get().passwordChangedAt(), since) || !stillMayPlay(session, user, since)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
            } else {
                if (since == null) {
                    session.setAttribute(AUTHENTICATED_AT, clock.instant());
                }
                if (!now.get().user().equals(user)) {
                    org.polder.account.Sessions.become(now.get().user(), request, response);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
