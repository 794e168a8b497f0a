package org.polder.ledger;

import org.polder.account.Accounts;
import org.polder.account.Organisation;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Tells an organisation's requesters when its balance falls below a level, once until it is topped up again,
 * so that posting new work does not fail by surprise.
 */
@Service
public class LowBalances {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final long level;

    LowBalances(JdbcClient jdbc, Ledger ledger, Accounts accounts, ApplicationEventPublisher events, Clock clock,
                @Value("${polder.ledger.low-balance-cents:5000}") long level) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.level = level;
    }

    /** Looks at every organisation's balance; returns how many were told. */
    @Transactional
    public int check() {
        int told = 0;
        for (Organisation o : accounts.organisations()) {
            long balance = ledger.balance(LedgerAccount.organisation(o.id()));
            if (balance >= level) {
                jdbc.sql("DELETE FROM ledger_low_balance WHERE organisation_id = ?").param(o.id()).update();
                continue;
            }
            if (jdbc.sql("SELECT COUNT(*) FROM ledger_low_balance WHERE organisation_id = ?").param(o.id()).query(Long.class).single() > 0) {
                continue;   // told already; told again only after a top-up and a new fall
            }
            // Two nodes at the same moment: the second insert fails, its round rolls back whole and nobody is told twice.
            jdbc.sql("INSERT INTO ledger_low_balance (organisation_id, told_at) VALUES (?, ?)").params(o.id(), Sql.ts(clock.instant())).update();
            events.publishEvent(Notice.toRequestersOf(o.id(), NoticeKind.BALANCE,
                    Words.of("notice.lowBalance", Words.money(balance), Words.money(level)), "/requester/balance"));
            told++;
        }
        return told;
    }
}
