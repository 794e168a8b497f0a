package org.polder.microtask.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.polder.account.CurrentUser;
import org.polder.microtask.RenderedTask;
import org.polder.microtask.Template;
import org.polder.microtask.TemplateSpec;
import org.polder.microtask.Templates;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates", description = "How a task looks to a worker and what they answer")
class TemplateApiController {

    private final Templates templates;

    TemplateApiController(Templates templates) {
        this.templates = templates;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a template for your organisation")
    Template create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody TemplateSpec spec) {
        return templates.create(user, spec);
    }

    @GetMapping
    @Operation(summary = "Your organisation's templates")
    List<Template> list(@AuthenticationPrincipal CurrentUser user) {
        return templates.list(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One template")
    Template get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return templates.get(user, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a template; send the version you read in If-Match, a stale version is refused with 409")
    Template update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @Valid @RequestBody TemplateSpec spec,
                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        int version = ifMatch == null ? templates.get(user, id).version() : parseVersion(ifMatch);
        return templates.update(user, id, spec, version);
    }

    record PreviewRequest(@NotNull @Valid TemplateSpec template, Map<String, String> row) {
    }

    @PostMapping("/preview")
    @Operation(summary = "Render a template with a sample row, as a worker would see it")
    RenderedTask preview(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PreviewRequest request) {
        user.organisation();
        return templates.preview(request.template(), request.row());
    }

    private static int parseVersion(String ifMatch) {
        try {
            return Integer.parseInt(ifMatch.replace("\"", "").replace("W/", "").strip());
        } catch (NumberFormatException e) {
            throw org.polder.common.DomainException.invalid("If-Match: must be the template's version number, was " + ifMatch);
        }
    }
}
