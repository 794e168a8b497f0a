package org.polder.errand.internal;

import org.polder.errand.PricingRules;
import org.polder.common.DomainException;
import org.polder.common.JsonProblems;
import org.polder.work.OwnedParameter;
import org.polder.work.Parameter;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The errand pricing rules as a rule parameter (RIGHTS.md R11): base, per km, zones with their minimums,
 * times of day and the cancellation share change only through a consultation; the one that allows it
 * makes a new version, which prices errands booked from then on.
 */
@Component
public class PricingParameter implements OwnedParameter {

    private final PricingVersions versions;
    private final JsonMapper json;

    public PricingParameter(PricingVersions versions, JsonMapper json) {
        this.versions = versions;
        this.json = json;
    }

    @Override
    public Parameter parameter() {
        return Parameter.ERRAND_PRICING;
    }

    @Override
    public String current() {
        return json.writeValueAsString(versions.current().rules());
    }

    @Override
    public String normalise(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.writeValueAsString(json.readValue(value, PricingRules.class).validated());
        } catch (tools.jackson.core.exc.StreamReadException e) {
            tools.jackson.core.TokenStreamLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw DomainException.invalid("value: the pricing rules are not valid JSON at line " + line + ", column " + column)
                    .code("problem.errand.pricingJson", line, column);
        } catch (JacksonException e) {
            throw DomainException.invalid("value: " + JsonProblems.describe(e)).code("problem.errand.pricing", JsonProblems.describe(e));
        }
    }

    @Override
    public void change(String value, long consultationId) {
        versions.add(json.readValue(value, PricingRules.class), null, consultationId);
    }
}
