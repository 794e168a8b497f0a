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

    RuleRegisterController(RuleRegister register, org.polder.work.Governance governance) {
        this.register = register;
        this.governance = governance;
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", register.rules());
        model.addAttribute("governance", governance);
        return "oversight/rules";
    }
}
