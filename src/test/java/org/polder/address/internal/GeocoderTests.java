package org.polder.address.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.polder.address.Found;
import org.polder.testing.OutsideServices;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each geocoding service's answer, in its own format (from a local stand-in), read into the same places. */
class GeocoderTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final OutsideServices stub = OutsideServices.get();

    @AfterEach
    void up() {
        OutsideServices.down = false;
    }

    @Test
    void pdokGivesTheOfficialAddressAndItsCentre() {
        List<Found> found = new PdokLocatieserver(stub.url("pdok"), TIMEOUT, "test").search("haarlemmerstraat 50", "nl", 6);
        assertThat(found).containsExactly(Found.of("Haarlemmerstraat 50, 1013EM Amsterdam", 52.3813, 4.8886));
    }

    @Test
    void photonIsReadFromItsGeoJsonPropertiesLongitudeFirst() {
        List<Found> found = new Photon(stub.url("photon"), TIMEOUT, "test").search("Czaar Peterstraat", "en", 6);
        assertThat(found).containsExactly(Found.of("Czaar Peterstraat 80, 1018PR Amsterdam", 52.3668, 4.9284));
    }

    @Test
    void nominatimsTextualCoordinatesAreRead() {
        List<Found> found = new Nominatim(stub.url("nominatim"), TIMEOUT, "test").search("damrak", "nl", 6);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).latitude()).isEqualTo(52.3765);
        assertThat(found.get(0).longitude()).isEqualTo(4.8977);
        assertThat(found.get(0).address()).contains("Damrak").contains("Amsterdam");
    }

    @Test
    void nominatimIsAskedAtMostOnceASecond() {
        Nominatim nominatim = new Nominatim(stub.url("nominatim"), TIMEOUT, "test");
        long start = System.nanoTime();
        nominatim.search("damrak", "nl", 6);
        nominatim.search("damrak 70", "nl", 6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Nominatim.BETWEEN);
    }

    @Test
    void atMostTheLimitIsGiven() {
        assertThat(new PdokLocatieserver(stub.url("pdok"), TIMEOUT, "test").search("damrak", "nl", 1)).hasSize(1);
    }

    @Test
    void aServiceThatIsAwayOrAnswersSomethingElseIsUnreachable() {
        OutsideServices.down = true;
        assertThatThrownBy(() -> new PdokLocatieserver(stub.url("pdok"), TIMEOUT, "test").search("damrak", "nl", 6))
                .isInstanceOf(Geocoder.Unreachable.class).hasMessageContaining("503");
        OutsideServices.down = false;
        // A server that is not there at all.
        assertThatThrownBy(() -> new Photon("http://127.0.0.1:9", TIMEOUT, "test").search("damrak", "nl", 6))
                .isInstanceOf(Geocoder.Unreachable.class);
    }
}
