package org.polder.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        page.addObject("me", authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null);
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        page.addObject("csrfHeaders", token == null ? "{}" : "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}");
    }
}
