package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.export.Exports;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polder.testing.Zips.unzip;

/** A worker's export holds their own voice (comments, candidacies, elections voted in), never their ballot or anyone else's words. */
class VoiceExportIT extends PolderIT {

    @Autowired
    Consultations consultations;
    @Autowired
    Representatives representatives;
    @Autowired
    Exports exports;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void theExportHoldsTheWorkersOwnVoiceButNotWhomTheyVotedFor() throws Exception {
        CurrentUser admin = fixtures.admin();
        Batch batch = fixtures.published(fixtures.requester(), 2, 40, 2);
        CurrentUser worker = fixtures.worker();
        CurrentUser other = fixtures.worker();
        for (CurrentUser w : List.of(worker, other)) {   // only workers who worked may vote
            long a = claiming.claim(w, batch.id()).orElseThrow();
            clock.advance(Duration.ofSeconds(30));
            submissions.submit(w, a, Map.of("label", "cat"));
        }
        Consultation consultation = consultations.propose(admin, "pay.hourly-floor-cents", "1650",
                "Raise the floor with the cost of living, measured per active hour.", null);
        consultations.comment(worker, consultation.id(), "Yes, and count waiting time too.");
        consultations.comment(other, consultation.id(), "Someone else's words stay theirs.");

        Instant now = clock.instant();
        String title = "Representatives " + Fixtures.unique("e");
        Election election = representatives.call(admin, title, 1, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(365)));
        representatives.stand(other, election.id(), "A statement by the other worker.");
        Election stood = representatives.stand(worker, election.id(), "Fair review for every batch.");
        long otherCandidate = stood.candidates().stream().filter(c -> c.statement().startsWith("A statement")).findFirst().orElseThrow().id();
        clock.advance(Duration.ofDays(1));
        representatives.vote(worker, election.id(), otherCandidate);

        Map<String, byte[]> files = unzip(exports.zip(worker));
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8)).contains("voice.json");
        String text = new String(files.get("voice.json"), StandardCharsets.UTF_8);
        JsonNode voice = JsonMapper.builder().build().readTree(text);
        assertThat(voice.get("comments")).hasSize(1);
        assertThat(voice.get("comments").get(0).get("comment").asString()).isEqualTo("Yes, and count waiting time too.");
        assertThat(voice.get("comments").get(0).get("to").asString()).isEqualTo("1650");
        assertThat(voice.get("candidacies")).hasSize(1);
        assertThat(voice.get("candidacies").get(0).get("statement").asString()).isEqualTo("Fair review for every batch.");
        assertThat(voice.get("votedIn")).hasSize(1);
        assertThat(voice.get("votedIn").get(0).get("election").asString()).isEqualTo(title);
        // The ballot is secret: nothing in the file says whom they voted for.
        assertThat(text).doesNotContain("Someone else's words").doesNotContain("A statement by the other worker")
                .doesNotContain("\"candidateId\"");

        JsonNode nothing = JsonMapper.builder().build().readTree(unzip(exports.zip(fixtures.worker())).get("voice.json"));
        assertThat(nothing.get("comments")).isEmpty();
        assertThat(nothing.get("votedIn")).isEmpty();
    }
}
