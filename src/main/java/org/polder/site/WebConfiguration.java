package org.polder.site;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Static files and languages.
 *
 * <p>Static files are served from their own paths only ({@code spring.web.resources.add-mappings=false}
 * turns off Spring Boot's catch-all {@code /**}): with the catch-all, every link on every page was
 * looked up as a file on the class path while the page was written, which cost more than the rest
 * of a page.
 *
 * <p>Languages: English and Dutch. The browser's Accept-Language decides until someone picks a
 * language with {@code ?lang=nl} or {@code ?lang=en}; that choice is remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final org.polder.account.Accounts accounts;

    WebConfiguration(org.polder.account.Accounts accounts) {
        this.accounts = accounts;
    }

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("polder-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            Locale wanted = request.getLocale();
            return wanted != null && "nl".equals(wanted.getLanguage()) ? LANGUAGES.get(1) : Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : List.of("css", "js", "icons", "demo")) {
            registry.addResourceHandler("/" + folder + "/**").addResourceLocations("classpath:/static/" + folder + "/");
        }
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(new PageModelInterceptor(accounts));
    }
}
