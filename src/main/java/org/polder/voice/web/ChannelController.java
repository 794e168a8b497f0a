package org.polder.voice.web;

import org.polder.account.CurrentUser;
import org.polder.voice.Channels;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The pages of workers' channels; their script encrypts and decrypts in the browser. */
@Controller
class ChannelController {

    private final Channels channels;

    ChannelController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/channels")
    String start(@AuthenticationPrincipal CurrentUser user) {
        user.require(org.polder.account.Role.WORKER);
        return "voice/channels";
    }

    @GetMapping("/channels/{id}")
    String channel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("channel", channels.get(user, id));
        return "voice/channel";
    }
}
