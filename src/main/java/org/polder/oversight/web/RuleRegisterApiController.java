package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.common.NotFoundException;
import org.polder.common.AutomatedRule;
import org.polder.oversight.RuleRegister;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Automated rules", description = "Public register of every automated rule: what it decides, on which inputs, with which parameters")
class RuleRegisterApiController {

    private final RuleRegister register;

    RuleRegisterApiController(RuleRegister register) {
        this.register = register;
    }

    @GetMapping
    @Operation(summary = "Every automated rule Polder runs")
    List<AutomatedRule> rules() {
        return register.rules();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One automated rule")
    AutomatedRule rule(@PathVariable String id) {
        return register.find(id).orElseThrow(() -> new NotFoundException("Rule", id));
    }
}
