package org.polder.site;

import org.polder.demo.DemoData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

@Controller
class HomeController {

    private final boolean demo;

    HomeController(@Value("${polder.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("demoLogins", demo ? DemoData.LOGINS : List.of());
        return "home";
    }
}
