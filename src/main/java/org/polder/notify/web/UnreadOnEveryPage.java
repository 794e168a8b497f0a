package org.polder.notify.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.polder.account.CurrentUser;
import org.polder.notify.Notifications;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every page of a logged-in person shows how many notices they have not read ({@code unread}, beside the menu); the service worker. */
@Configuration(proxyBeanMethods = false)
class UnreadOnEveryPage implements WebMvcConfigurer, HandlerInterceptor {

    private final Notifications notifications;

    UnreadOnEveryPage(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The service worker that shows pushed notices; served from the root so that it may act for every page. */
    @Override
    public void addResourceHandlers(org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/sw.js").addResourceLocations("classpath:/static/");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**", "/notifications/events", "/courier/events", "/css/**", "/js/**", "/webjars/**");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser me) {
            page.addObject("unread", notifications.unread(me.id()));
        }
    }
}
