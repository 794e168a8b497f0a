package org.polder.account.web;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Registration;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Log in, register, and where each role starts after logging in. */
@Controller
class AccountController {

    private final Accounts accounts;
    private final Validator validator;
    private final Texts texts;
    private final java.time.Clock clock;

    AccountController(Accounts accounts, Validator validator, Texts texts, java.time.Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.validator = validator;
        this.texts = texts;
    }

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof LockedException e) {
            model.addAttribute("locked", e.getCause() instanceof org.polder.common.DomainException d ? texts.of(d) : e.getMessage());
        }
        return "account/login";
    }

    /** The organisation's page: which kinds of work it posts, and its saved places. */
    @GetMapping("/requester/organisation")
    String organisation(@AuthenticationPrincipal CurrentUser user, Model model) {
        long org = user.require(Role.REQUESTER).organisation();
        model.addAttribute("organisation", accounts.organisation(org));
        model.addAttribute("kinds", accounts.kindsOf(org));
        model.addAttribute("allKinds", accounts.isHousehold(org) ? java.util.List.of("HOME") : Accounts.BUSINESS_KINDS);
        model.addAttribute("details", accounts.organisationDetails(org));
        return "account/organisation";
    }

    /** The organisation's address, KvK and VAT numbers, as its invoices show them. */
    @PostMapping("/requester/organisation/details")
    String organisationDetails(@AuthenticationPrincipal CurrentUser user,
                               @org.springframework.web.bind.annotation.RequestParam(required = false) String address,
                               @org.springframework.web.bind.annotation.RequestParam(required = false) String kvkNumber,
                               @org.springframework.web.bind.annotation.RequestParam(required = false) String vatNumber, RedirectAttributes redirect) {
        return saved(redirect, () -> accounts.setOrganisationDetails(user, address, kvkNumber, vatNumber), "business.saved",
                "redirect:/requester/organisation");
    }

    /** A worker's details on the invoices issued in their name. */
    @GetMapping("/account/business")
    String business(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("details", accounts.accountDetails(user.require(Role.WORKER).id()));
        return "account/business";
    }

    @PostMapping("/account/business")
    String saveBusiness(@AuthenticationPrincipal CurrentUser user,
                        @org.springframework.web.bind.annotation.RequestParam(required = false) String address,
                        @org.springframework.web.bind.annotation.RequestParam(required = false) String kvkNumber,
                        @org.springframework.web.bind.annotation.RequestParam(required = false) String vatNumber, RedirectAttributes redirect) {
        return saved(redirect, () -> accounts.setOwnDetails(user, address, kvkNumber, vatNumber), "business.saved", "redirect:/account/business");
    }

    @PostMapping("/requester/organisation/kinds")
    String kinds(@AuthenticationPrincipal CurrentUser user,
                 @org.springframework.web.bind.annotation.RequestParam(required = false) java.util.List<String> kinds, RedirectAttributes redirect) {
        return saved(redirect, () -> accounts.setKinds(user, kinds), "organisation.kindsSaved", "redirect:/requester/organisation");
    }

    /** Does what a form asked: a flash in the reader's language when it held, the problem when it did not. */
    private String saved(RedirectAttributes redirect, java.util.function.Supplier<?> action, String flash, String then) {
        if (texts.orFlash(redirect, action) != null) {
            redirect.addFlashAttribute("flash", texts.get(flash));
        }
        return then;
    }

    @GetMapping("/account/password")
    String passwordPage() {
        return "account/password";
    }

    /** Changes the password; this session goes on, every other session and every API token of the account ends. */
    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal CurrentUser user, @org.springframework.web.bind.annotation.RequestParam(required = false) String currentPassword,
                          @org.springframework.web.bind.annotation.RequestParam(required = false) String newPassword,
                          jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
        try {
            accounts.changePassword(user, currentPassword, newPassword, request.getRemoteAddr());
            org.polder.account.internal.SessionRefreshFilter.passwordChangedIn(request.getSession(), clock);
            redirect.addFlashAttribute("flash", texts.get("password.changed"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/account/password";
    }

    /** After login: workers to the work feed, requesters to the first kind of work they post, admins to admin. */
    @GetMapping("/start")
    String start(@AuthenticationPrincipal CurrentUser user) {
        if (user.has(Role.REQUESTER) && user.organisationId() != null) {
            return "redirect:" + switch (accounts.kindsOf(user.organisationId()).get(0)) {
                case "SHIFT" -> "/requester/shifts";
                case "ERRAND" -> "/requester/errands";
                case "HOME" -> "/household";
                default -> "/requester/batches";
            };
        }
        if (user.has(Role.WORKER)) {
            return "redirect:/work";
        }
        if (user.has(Role.ADMIN)) {
            return "redirect:/admin";
        }
        return "redirect:/";
    }

    /** The register form; bound to a form record, never to the account itself. */
    public record RegisterForm(String username, String password, String displayName, String role, String organisationName,
                               String language, java.util.List<String> kinds) {
    }

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("form", new RegisterForm("", "", "", "WORKER", "", null, java.util.List.of()));
        return "account/register";
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") RegisterForm form, BindingResult binding, RedirectAttributes redirect) {
        boolean household = "HOUSEHOLD".equals(form.role());
        Role role = household || "REQUESTER".equals(form.role()) ? Role.REQUESTER : Role.WORKER;
        Registration registration = new Registration(form.username(), form.password(), form.displayName(), role,
                household ? null : form.organisationName(), form.language() == null || form.language().isBlank() ? null : form.language(),
                household ? null : form.kinds(), household);
        for (ConstraintViolation<Registration> v : validator.validate(registration)) {
            binding.rejectValue(v.getPropertyPath().toString(), "invalid", v.getMessage());
        }
        if (!binding.hasErrors()) {
            try {
                accounts.register(registration);
                redirect.addFlashAttribute("registered", form.username());
                return "redirect:/login";
            } catch (DomainException e) {
                String message = e.getMessage();
                int colon = message.indexOf(':');
                String field = colon > 0 ? message.substring(0, colon) : "";
                String text = e.code() == null && colon > 0 ? message.substring(colon + 1).strip() : texts.of(e);
                if (colon > 0 && (field.equals("username") || field.equals("organisationName") || field.equals("role"))) {
                    binding.rejectValue(field, "invalid", text);
                } else {
                    binding.reject("invalid", text);
                }
            }
        }
        return "account/register";
    }
}
