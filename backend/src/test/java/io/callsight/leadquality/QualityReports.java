package io.callsight.leadquality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callsight.common.GraphQL;
import io.restassured.path.json.JsonPath;

/** A snapshot's data-quality checks through GraphQL, by name. */
final class QualityReports {

    private QualityReports() {
    }

    static Map<String, Map<String, Object>> checks(Object snapshotId) {
        JsonPath r = GraphQL.query("{ dataQualityReport(snapshotId: \"" + snapshotId + "\") { checks { name severity count examples } } }");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Map<String, Object> c : r.<Map<String, Object>>getList("data.dataQualityReport.checks")) {
            byName.put((String) c.get("name"), c);
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    static List<String> examples(Map<String, Map<String, Object>> checks, String name) {
        return (List<String>) checks.get(name).get("examples");
    }
}
