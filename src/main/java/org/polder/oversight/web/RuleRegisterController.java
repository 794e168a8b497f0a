package org.polder.oversight.web;

import org.polder.oversight.RuleRegister;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public page of the register of automated rules. */
@Controller
class RuleRegisterController {

    private final RuleRegister register;
    private final org.polder.work.Governance governance;
    private final org.polder.work.CollectiveAgreements agreements;

    RuleRegisterController(RuleRegister register, org.polder.work.Governance governance, org.polder.work.CollectiveAgreements agreements) {
        this.register = register;
        this.governance = governance;
        this.agreements = agreements;
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", register.rules());
        model.addAttribute("governance", governance);
        model.addAttribute("agreements", agreements.list().stream().filter(a -> a.state() == org.polder.work.CollectiveAgreements.State.IN_FORCE).toList());
        return "oversight/rules";
    }
}
