package org.polder.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Who a request acts as: an account with its roles as authorities, for a token's request or a web session. */
public final class Sessions {

    private static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    private Sessions() {
    }

    /** The account as Spring Security sees it: its roles as {@code ROLE_...} authorities. */
    public static UsernamePasswordAuthenticationToken authentication(CurrentUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
    }

    /** From this request on, the web session acts as {@code who} (an account read again, a sandbox entered or left). */
    public static void become(CurrentUser who, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(who));
        SecurityContextHolder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
    }
}
