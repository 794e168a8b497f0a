package org.polder.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page knows who is logged in (as {@code me}, for the navigation) and the CSRF header for htmx
 * requests ({@code csrfHeaders}, put on {@code <body hx-headers>}). An interceptor rather than a
 * {@code @ModelAttribute} advice: an advice would also run, and cost, on every API request, which
 * renders no page.
 */
class PageModelInterceptor implements HandlerInterceptor {

    private final Accounts accounts;

    PageModelInterceptor(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser me = authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
        page.addObject("me", me);
        // A requester's menu shows the kinds of work their organisation posts.
        page.addObject("menuKinds", me != null && me.organisationId() != null && me.has(org.polder.account.Role.REQUESTER)
                ? accounts.kindsOf(me.organisationId()) : java.util.List.of());
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        page.addObject("csrfHeaders", token == null ? "{}" : "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}");
    }
}
