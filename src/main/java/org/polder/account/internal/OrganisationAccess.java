package org.polder.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.polder.account.CurrentUser;
import org.polder.account.MemberRole;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.function.Predicate;

/**
 * What each member role may do in an organisation, for every page and endpoint at once: money (balance, statements,
 * invoices, the bank account) for owners and finance; the team and its API keys for owners; every other change to the
 * organisation's work (posting, reviewing, cancelling, places, blocks, messages) for owners and managers; reading the
 * work for every member. A request about the member's own account ({@code /me}, tokens, notifications) is theirs.
 * Services still check whose resource it is; this decides what a member of the right organisation may do with it.
 */
@Component
class OrganisationAccess implements WebMvcConfigurer, HandlerInterceptor {

    static final List<String> MONEY = List.of("/requester/balance", "/requester/bank", "/requester/statements", "/requester/invoices",
            "/api/v1/organisation/balance", "/api/v1/organisation/bank-account", "/api/v1/organisation/statements", "/api/v1/invoices",
            "/invoices");
    static final List<String> TEAM = List.of("/requester/team", "/api/v1/organisation/members", "/api/v1/organisation/invitations",
            "/api/v1/organisation/keys");
    /** About the member themselves, not the organisation's work. */
    static final List<String> OWN = List.of("/api/v1/me", "/api/v1/auth", "/api/v1/accounts", "/api/v1/invitations", "/api/v1/rules",
            "/api/v1/tracking", "/api/v1/requesters", "/api/v1/answer-files");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/requester/**", "/api/v1/**", "/invoices/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser me) || !me.has(Role.REQUESTER)
                || me.organisationId() == null) {
            return true;   // not a member of an organisation: the services decide, as before
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean reads = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        Predicate<MemberRole> needed = needs(path, reads);
        if (needed != null && !me.may(needed)) {
            String area = under(path, TEAM) ? "team" : under(path, MONEY) ? "money" : "work";
            throw DomainException.forbidden("Your role in the organisation (" + me.member() + ") does not allow this: "
                    + switch (area) {
                        case "team" -> "owners manage the team";
                        case "money" -> "owners and finance handle the money";
                        default -> "owners and managers change the work";
                    }).code("problem.team.notAllowed." + area);
        }
        return true;
    }

    /** What a request needs of the member's role, or null when any member may. */
    static Predicate<MemberRole> needs(String path, boolean reads) {
        if (under(path, TEAM)) {
            // Every member sees who is on the team; only owners see invitations and keys, and change anything.
            return reads && (path.equals("/requester/team") || path.equals("/api/v1/organisation/members")) ? null : MemberRole::mayManageTeam;
        }
        if (under(path, MONEY)) {
            return MemberRole::mayHandleMoney;
        }
        if (reads || under(path, OWN)) {
            return null;
        }
        return MemberRole::mayWork;
    }

    private static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."));
    }
}
