package io.callsight.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.restassured.path.json.JsonPath;

/**
 * Every query and mutation of the served schema (read by introspection), each turned into a
 * runnable operation: required arguments filled by a value chooser, and a selection of every
 * scalar field reachable without required arguments (a few levels deep). New operations are
 * covered by the tests built on this without anyone listing them.
 */
final class SchemaOperations {

    static final String INTROSPECTION = "{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { kind name "
            + "fields { name args { name type { ...T } } type { ...T } } inputFields { name type { ...T } } "
            + "enumValues { name } } } } fragment T on __Type { kind name ofType { kind name ofType { kind name "
            + "ofType { kind name ofType { kind name } } } } }";

    /** A type reference, unwrapped: the named type, and whether it was wrapped in NON_NULL / LIST. */
    record TypeRef(String kind, String name, boolean nonNull, boolean list, Map<String, Object> raw) {
    }

    record Arg(String name, TypeRef type) {
    }

    record Field(String name, List<Arg> args, TypeRef type) {
    }

    /** One operation, ready to send. */
    record Operation(String kind, String name, String document) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private final Map<String, Map<String, Object>> types = new HashMap<>();
    private final String queryType;
    private final String mutationType;
    private final String subscriptionType;

    @SuppressWarnings("unchecked")
    SchemaOperations(JsonPath introspection) {
        List<Map<String, Object>> all = introspection.getList("data.__schema.types");
        for (Map<String, Object> t : all) {
            types.put((String) t.get("name"), t);
        }
        queryType = introspection.getString("data.__schema.queryType.name");
        mutationType = introspection.getString("data.__schema.mutationType.name");
        subscriptionType = introspection.getString("data.__schema.subscriptionType.name");
    }

    List<Field> queries() {
        return fields(queryType);
    }

    List<Field> mutations() {
        return mutationType == null ? List.of() : fields(mutationType);
    }

    List<Field> subscriptions() {
        return subscriptionType == null ? List.of() : fields(subscriptionType);
    }

    @SuppressWarnings("unchecked")
    private List<Field> fields(String typeName) {
        List<Field> out = new ArrayList<>();
        List<Map<String, Object>> fields = (List<Map<String, Object>>) types.get(typeName).get("fields");
        for (Map<String, Object> f : fields) {
            out.add(field(f));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Field field(Map<String, Object> f) {
        List<Arg> args = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) f.get("args")) {
            args.add(new Arg((String) a.get("name"), ref((Map<String, Object>) a.get("type"))));
        }
        return new Field((String) f.get("name"), args, ref((Map<String, Object>) f.get("type")));
    }

    @SuppressWarnings("unchecked")
    static TypeRef ref(Map<String, Object> t) {
        boolean nonNull = false;
        boolean list = false;
        Map<String, Object> cur = t;
        while ("NON_NULL".equals(cur.get("kind")) || "LIST".equals(cur.get("kind"))) {
            if ("NON_NULL".equals(cur.get("kind")) && !list) {
                nonNull = true;
            }
            if ("LIST".equals(cur.get("kind"))) {
                list = true;
            }
            cur = (Map<String, Object>) cur.get("ofType");
        }
        return new TypeRef((String) cur.get("kind"), (String) cur.get("name"), nonNull, list, t);
    }

    /**
     * The operation for a field. {@code chooser} gives the literal for an argument (name, type) or
     * null to use a neutral value; optional arguments are sent only when the chooser gives one.
     */
    Operation operation(String kind, Field f, BiFunction<String, TypeRef, String> chooser) {
        StringBuilder doc = new StringBuilder(kind).append(" { ").append(f.name());
        List<String> args = new ArrayList<>();
        for (Arg a : f.args()) {
            String chosen = chooser.apply(a.name(), a.type());
            if (chosen == null && a.type().nonNull()) {
                chosen = neutral(a.type(), 0);
            }
            if (chosen != null) {
                args.add(a.name() + ": " + chosen);
            }
        }
        if (!args.isEmpty()) {
            doc.append("(").append(String.join(", ", args)).append(")");
        }
        doc.append(selection(f.type(), 0)).append(" }");
        return new Operation(kind, f.name(), doc.toString());
    }

    /** A neutral literal of the type: the first enum value, 1, "x", an input object with its required fields. */
    @SuppressWarnings("unchecked")
    String neutral(TypeRef t, int depth) {
        String one = switch (t.kind()) {
            case "ENUM" -> (String) ((List<Map<String, Object>>) types.get(t.name()).get("enumValues")).get(0).get("name");
            case "INPUT_OBJECT" -> inputObject(t.name(), depth, (name, type) -> null);
            default -> scalar(t.name());
        };
        return t.list() ? "[" + one + "]" : one;
    }

    /** An input object literal with every required field neutral, others from the chooser when it gives one. */
    @SuppressWarnings("unchecked")
    String inputObject(String name, int depth, BiFunction<String, TypeRef, String> chooser) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) types.get(name).get("inputFields")) {
            TypeRef ft = ref((Map<String, Object>) f.get("type"));
            String chosen = chooser.apply((String) f.get("name"), ft);
            if (chosen == null && ft.nonNull() && depth < 4) {
                chosen = neutral(ft, depth + 1);
            }
            if (chosen != null) {
                parts.add(f.get("name") + ": " + chosen);
            }
        }
        return "{" + String.join(", ", parts) + "}";
    }

    static String scalar(String name) {
        return switch (name) {
            case "Int", "BigInteger", "Long" -> "1";
            case "Float", "BigDecimal" -> "1.5";
            case "Boolean" -> "false";
            case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
            case "Date" -> "\"2026-01-01\"";
            case "Time" -> "\"00:00:00\"";
            case "ID" -> "\"1\"";
            default -> "\"x\"";
        };
    }

    /** A selection of every scalar reachable without required arguments, up to three object levels. */
    @SuppressWarnings("unchecked")
    String selection(TypeRef t, int depth) {
        if (!"OBJECT".equals(t.kind())) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add("__typename");
        for (Map<String, Object> f : (List<Map<String, Object>>) types.get(t.name()).get("fields")) {
            Field field = field(f);
            if (field.args().stream().anyMatch(a -> a.type().nonNull())) {
                continue;
            }
            if ("OBJECT".equals(field.type().kind())) {
                if (depth < 3) {
                    parts.add(field.name() + selection(field.type(), depth + 1));
                }
            } else {
                parts.add(field.name());
            }
        }
        return " { " + String.join(" ", parts) + " }";
    }

    static String string(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
