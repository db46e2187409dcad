package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Keyset-paged connections ({@link Page}): walking a list page by page gives every item once, in the order of one
 * big page, and the last page says no more follow, including ties on the ordering time.
 */
@QuarkusTest
class ConnectionPagingTest extends DatabaseTest {

    /** The ids of every page of {@code query} (with $after and $first), walked with pages of {@code size}. */
    private static List<String> walk(String query, String connection, String idField, int size) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 100; pages++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", size);
            vars.put("after", after);
            JsonPath page = GraphQL.query(query, vars);
            List<String> got = page.<Object>getList("data." + connection + ".edges.node." + idField)
                    .stream().map(String::valueOf).toList();
            assertThat(got.size()).isLessThanOrEqualTo(size);
            ids.addAll(got);
            boolean more = page.getBoolean("data." + connection + ".pageInfo.hasNextPage");
            String end = page.getString("data." + connection + ".pageInfo.endCursor");
            if (!more) {
                assertThat(end).as("the last edge's cursor, or null on an empty page")
                        .isEqualTo(got.isEmpty() ? null : page.getString("data." + connection + ".edges[-1].cursor"));
                return ids;
            }
            assertThat(got).hasSize(size);
            after = end;
        }
        throw new AssertionError("paging did not end after 100 pages");
    }

    @Test
    void theCallListWalksEveryCallOnceAcrossTiesOnTheDialTime() {
        StringBuilder csv = new StringBuilder("call_id,lead_id,campaign_id,advertiser_id,call_status,dial_time\n");
        for (int i = 0; i < 7; i++) {
            // three calls share each dial time: the key orders them
            csv.append("pg-").append(i).append(",PG-L").append(i).append(",PG-C1,PG-A1,Answered,2025-04-0")
                    .append(1 + i / 3).append("T10:00:00Z\n");
        }
        Fixtures.ingestCsv(csv.toString());
        String q = "query($first: Int, $after: String) { calls(filter: {campaignIds: [\"PG-C1\"]}, first: $first, "
                + "after: $after) { edges { cursor node { callId } } pageInfo { hasNextPage endCursor } } }";
        List<String> all = walk(q, "calls", "callId", 1000);
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
        assertThat(all.get(0)).isEqualTo("pg-6"); // newest first
        for (int size : new int[] { 1, 2, 3, 7 }) {
            assertThat(walk(q, "calls", "callId", size)).as("pages of " + size).isEqualTo(all);
        }
    }

    @Test
    void theAuditLogAndTheBatchListWalkEveryEntryOnce() {
        for (int i = 0; i < 3; i++) {
            Fixtures.ingestCsv("call_id,lead_id,campaign_id,advertiser_id,call_status,dial_time\n"
                    + "pga-" + i + ",PGA-L" + i + ",PGA-C1,PGA-A1,Answered,2025-04-10T10:00:00Z\n");
            GraphQL.query("mutation { setAdvertiserCriteria(advertiserId: \"PGA-A1\", criteria: {maxAttemptNo: "
                    + (i + 2) + "}) { advertiserId } }");
        }
        String audit = "query($first: Int, $after: String) { auditLog(first: $first, after: $after, "
                + "action: \"setAdvertiserCriteria\") { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        List<String> entries = walk(audit, "auditLog", "id", 1000);
        assertThat(entries.size()).isGreaterThanOrEqualTo(3);
        assertThat(walk(audit, "auditLog", "id", 2)).isEqualTo(entries);

        String batches = "query($first: Int, $after: String) { ingestBatches(first: $first, after: $after) "
                + "{ edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        List<String> all = walk(batches, "ingestBatches", "id", 1000);
        assertThat(all.size()).isGreaterThanOrEqualTo(3).isEqualTo(all.stream().distinct().count());
        assertThat(walk(batches, "ingestBatches", "id", 2)).isEqualTo(all);
    }
}
