package org.polder.oversight;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The register of automated rules, collected from every module's {@link AutomatedRules}. Decisions taken by a
 * rule must name a rule and version that are in it.
 */
@Component
public class RuleRegister {

    private final List<AutomatedRule> rules;

    RuleRegister(List<AutomatedRules> providers) {
        List<AutomatedRule> all = new ArrayList<>();
        providers.forEach(p -> all.addAll(p.rules()));
        all.sort(Comparator.comparing(AutomatedRule::id));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).id().equals(all.get(i - 1).id())) {
                throw new IllegalStateException("Two rules in the register have the id " + all.get(i).id());
            }
        }
        this.rules = List.copyOf(all);
    }

    public List<AutomatedRule> rules() {
        return rules;
    }

    public Optional<AutomatedRule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Refuses an automated decision by a rule (or version) the register does not explain. */
    public void check(String id, Integer version) {
        AutomatedRule rule = find(id).orElseThrow(() -> new IllegalStateException(
                "Automated decision by rule '" + id + "', which is not in the register of automated rules"));
        if (version == null || rule.version() != version) {
            throw new IllegalStateException("Automated decision by rule '" + id + "' version " + version
                    + ", but the register has version " + rule.version());
        }
    }
}
