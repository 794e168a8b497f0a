package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Couriers' duty and positions: nothing is taken off duty (RIGHTS.md R2), time on duty is active time, old positions go. */
class DutyIT extends PolderIT {

    @Autowired org.polder.errand.internal.DutyTime dutyTime;

    /** Seconds on duty per worker in [from, to), as pay per active hour and the authority report count them. */
    java.util.Map<Long, Long> dutySeconds(java.time.Instant from, java.time.Instant to) {
        return dutyTime.secondsByWorker(from, to);
    }

    java.util.Map<java.time.LocalDate, Long> dutySecondsPerDay(long workerId, java.time.Instant from, java.time.Instant to, java.time.ZoneId zone) {
        return dutyTime.secondsPerDay(workerId, from, to, zone);
    }

    @Autowired Duty duty;
    @Autowired GeoIndex index;
    @Autowired JdbcClient jdbc;

    long positions(CurrentUser worker) {
        return jdbc.sql("SELECT COUNT(*) FROM courier_position WHERE worker_id = ?").param(worker.id()).query(Long.class).single();
    }

    boolean indexed(CurrentUser worker, double lat, double lon) {
        return index.nearest(lat, lon, 50, 0.1).stream().anyMatch(n -> n.workerId() == worker.id());
    }

    @Test
    void aPositionOffDutyIsRefusedAndNothingOfItIsStored() {
        CurrentUser courier = fixtures.worker();
        assertThatThrownBy(() -> duty.position(courier, 52.37, 4.90))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.errand.offDuty"));
        Api api = api().login(courier.username(), Fixtures.PASSWORD);
        Api.Response refused = api.post("/api/v1/me/position", Map.of("latitude", 52.37, "longitude", 4.90));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(positions(courier)).isZero();
        assertThat(indexed(courier, 52.37, 4.90)).isFalse();

        assertThat(api.post("/api/v1/me/duty", Map.of("onDuty", true)).json().get("onDuty").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/me/position", Map.of("latitude", 52.3701, "longitude", 4.9001)).status()).isEqualTo(204);
        assertThat(positions(courier)).isEqualTo(1);
        assertThat(indexed(courier, 52.3701, 4.9001)).isTrue();
        assertThat(api.post("/api/v1/me/position", Map.of("latitude", 95, "longitude", 4.9)).status()).isEqualTo(400);

        assertThat(api.post("/api/v1/me/duty", Map.of("onDuty", false)).json().get("onDuty").asBoolean()).isFalse();
        assertThat(indexed(courier, 52.3701, 4.9001)).isFalse();
        assertThat(api.post("/api/v1/me/position", Map.of("latitude", 52.38, "longitude", 4.91)).status()).isEqualTo(409);
        assertThat(positions(courier)).isEqualTo(1);
    }

    @Test
    void timeOnDutyIsActiveTimeAndGoingOnDutyTwiceOpensOneSession() {
        CurrentUser courier = fixtures.worker();
        Instant start = clock.instant();
        duty.goOnDuty(courier);
        duty.goOnDuty(courier);
        clock.advance(Duration.ofHours(2));
        duty.goOffDuty(courier);
        duty.goOffDuty(courier);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM courier_duty_session WHERE worker_id = ?").param(courier.id()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(dutySeconds(start, clock.instant().plusSeconds(1))).containsEntry(courier.id(), 7200L);
        assertThat(dutySecondsPerDay(courier.id(), start, clock.instant().plusSeconds(1), java.time.ZoneOffset.UTC).values())
                .containsExactly(7200L);
    }

    @Test
    void positionsAreDeletedAfterTheRetentionPeriod() {
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        duty.position(courier, 52.36, 4.88);
        clock.advance(Duration.ofDays(6));
        duty.position(courier, 52.361, 4.881);
        clock.advance(Duration.ofDays(2));
        duty.deleteOldPositions();
        assertThat(positions(courier)).isEqualTo(1);
        duty.goOffDuty(courier);
    }

    @Test
    void aCourierWhosePhoneFallsSilentGoesOffDutyAtTheLastPosition() {
        CurrentUser silent = fixtures.worker();
        CurrentUser sending = fixtures.worker();
        duty.goOnDuty(silent);
        duty.goOnDuty(sending);
        clock.advance(Duration.ofMinutes(10));
        Instant last = clock.instant();
        duty.position(silent, -61.5, 120.2);
        duty.position(sending, -61.5, 120.2);
        clock.advance(Duration.ofMinutes(25));
        duty.position(sending, -61.501, 120.2);
        clock.advance(Duration.ofMinutes(6));
        duty.endSilentDuty();
        assertThat(duty.status(silent).onDuty()).isFalse();
        assertThat(duty.status(sending).onDuty()).isTrue();
        assertThat(indexed(silent, -61.5, 120.2)).isFalse();
        assertThat(dutySeconds(last.minus(Duration.ofHours(1)), clock.instant().plusSeconds(1))).containsEntry(silent.id(), 600L);
        assertThat(jdbc.sql("SELECT rule FROM decision WHERE worker_id = ? AND type = 'DUTY_ENDED_SILENT'").param(silent.id())
                .query(String.class).single()).isEqualTo(Duty.SILENT);
        duty.goOffDuty(sending);
    }
}
