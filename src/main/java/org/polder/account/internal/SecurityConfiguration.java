package org.polder.account.internal;

import jakarta.servlet.DispatcherType;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.springframework.security.authentication.LockedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Two doors: the JSON API under {@code /api/**} (stateless, bearer tokens, problem+json errors) and
 * the web pages (session login with a form, CSRF protection).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Scripts and styles only from Polder's own files; images, sound and video also from HTTPS sites (requesters
     * keep the pictures and recordings of their tasks there) and from the map's tile server, named exactly.
     */
    static String contentSecurityPolicy(String tiles) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: " + origin(tiles) + "; "
                + "media-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /** "https://tile.openstreetmap.org" from "https://tile.openstreetmap.org/{z}/{x}/{y}.png"; nothing without tiles. */
    static String origin(String tiles) {
        if (tiles == null || tiles.isBlank()) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(tiles.replaceAll("[{}]", ""));
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /**
     * Passwords are kept as BCrypt hashes ({@code {bcrypt}...}), of cost {@code polder.security.bcrypt-cost} (10 by default, about
     * 70 ms a hash here; tests, which make thousands of accounts, use the least). A hash of any cost still matches.
     */
    @Bean
    PasswordEncoder passwordEncoder(@org.springframework.beans.factory.annotation.Value("${polder.security.bcrypt-cost:10}") int cost) {
        return new org.springframework.security.crypto.password.DelegatingPasswordEncoder("bcrypt",
                java.util.Map.of("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(cost)));
    }

    /**
     * No traces of Spring Security's own steps (each filter, each authorization): on a busy node they
     * cost more than the request's own work. Requests are still timed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, javax.sql.DataSource dataSource) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(accounts, dataSource), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Streamed answers (results downloads) and error pages are dispatched again; the
                        // request itself was already checked.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/auth/token").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/rules", "/api/v1/rules/*", "/api/v1/tracking/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/tracking/*/handover").permitAll()
                        // The load benchmark's reference endpoints, which exist only when it turns them on
                        .requestMatchers(HttpMethod.GET, "/api/v1/reference/*").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/moderation/**").hasRole("MODERATOR")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(res, 401, "Unauthorized",
                                "Send a valid bearer token: POST /api/v1/auth/token gives one"))
                        .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(res, 403, "Forbidden",
                                "Your account's roles do not allow this")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, Accounts accounts, org.polder.account.PlayAccounts play, java.time.Clock clock,
                            @org.springframework.beans.factory.annotation.Value("${polder.map.tiles:https://tile.openstreetmap.org/{z}/{x}/{y}.png}") String tiles)
            throws Exception {
        http.authenticationProvider(passwordLogin(accounts))
                .addFilterAfter(new SessionRefreshFilter(accounts, play, clock), org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/", "/error", "/login", "/register", "/rules", "/track/**", "/css/**", "/js/**", "/icons/**", "/demo/**", "/webjars/**", "/favicon.ico",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health", "/.well-known/**",
                                "/mail/confirm", "/mail/unsubscribe", "/calendar/*.ics", "/sw.js", "/join/*").permitAll()
                        .requestMatchers("/actuator/**", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/moderation", "/moderation/**").hasRole("MODERATOR")
                        .anyRequest().authenticated())
                .headers(headers -> headers
                        // Scripts and styles only from Polder's own files: no inline script, no inline style, no
                        // framing; images also from HTTPS sites, where requesters keep the pictures of their tasks.
                        // Swagger UI (a third-party page) keeps the defaults without this policy.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                request -> !request.getRequestURI().startsWith("/swagger-ui"),
                                new StaticHeadersWriter("Content-Security-Policy", contentSecurityPolicy(tiles))))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                // A mail program's one-click unsubscribe (RFC 8058) has no session: its token is its authority.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/mail/unsubscribe"))
                .formLogin(form -> form.loginPage("/login").successHandler(loginSucceeded(clock)).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }

    /** After a form login: the session notes when (see {@link SessionRefreshFilter}), and each role goes to its start page. */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler loginSucceeded(java.time.Clock clock) {
        var start = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        start.setDefaultTargetUrl("/start");
        start.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, authentication) -> {
            request.getSession().setAttribute(SessionRefreshFilter.AUTHENTICATED_AT, clock.instant());
            start.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Form login with the same accounts and password check as the API. */
    private static AuthenticationProvider passwordLogin(Accounts accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String source = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
                try {
                    CurrentUser user = accounts.checkPassword(authentication.getName(), String.valueOf(authentication.getCredentials()), source)
                            .orElseThrow(() -> new BadCredentialsException("Unknown username or wrong password"));
                    return org.polder.account.Sessions.authentication(user);
                } catch (DomainException throttled) {
                    throw new LockedException(throttled.getMessage(), throttled);
                }
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
