package io.callsight.consistency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.calls.RollupConsistency;
import io.callsight.common.ConsistencyCheck;
import io.callsight.common.Transactions;
import io.callsight.feeds.FeedConsistency;

/**
 * The consistency check: every rollup against a rebuild from the call fact and every feed row against
 * its call, in one REPEATABLE READ, READ ONLY transaction (ingest writes the fact, the rollups and the
 * outbox in one transaction, so any snapshot must agree). It takes no lock: ingest goes on meanwhile.
 */
@ApplicationScoped
public class ConsistencyService {

    @Inject
    Transactions transactions;

    @Inject
    RollupConsistency rollups;

    @Inject
    FeedConsistency feeds;

    public ConsistencyReport check() {
        try {
            return transactions.inTransaction(c -> {
                OffsetDateTime at;
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    st.execute("SET LOCAL work_mem = '256MB'");
                    try (ResultSet rs = st.executeQuery("SELECT now()")) {
                        rs.next();
                        at = rs.getObject(1, OffsetDateTime.class);
                    }
                }
                List<ConsistencyCheck> checks = new ArrayList<>(rollups.check(c));
                checks.add(feeds.check(c));
                return new ConsistencyReport(checks.stream().allMatch(ConsistencyCheck::ok), at, List.copyOf(checks));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run the consistency check: " + e.getMessage(), e);
        }
    }
}
