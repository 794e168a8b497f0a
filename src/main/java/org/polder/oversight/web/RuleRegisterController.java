package org.polder.oversight.web;

import org.polder.oversight.RuleRegister;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public page of the register of automated rules. */
@Controller
class RuleRegisterController {

    private final RuleRegister register;

    RuleRegisterController(RuleRegister register) {
        this.register = register;
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", register.rules());
        return "oversight/rules";
    }
}
