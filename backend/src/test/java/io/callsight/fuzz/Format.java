package io.callsight.fuzz;

/** How a table is written: delimited text (separator, line ending, BOM), a JSON array of objects, or Parquet. */
record Format(Type type, char separator, String eol, boolean bom) {

    enum Type { CSV, JSON, PARQUET }

    static Format csv(char separator, String eol, boolean bom) {
        return new Format(Type.CSV, separator, eol, bom);
    }

    static final Format JSON = new Format(Type.JSON, ',', "\n", false);
    static final Format PARQUET = new Format(Type.PARQUET, ',', "\n", false);

    Format withSeparator(char s) {
        return new Format(type == Type.PARQUET ? Type.CSV : type, s, eol, bom);
    }

    Format withEol(String e) {
        return new Format(type, separator, e, bom);
    }

    Format withBom() {
        return new Format(type, separator, eol, true);
    }

    String contentType() {
        return switch (type) {
            case CSV -> "text/csv";
            case JSON -> "application/json";
            case PARQUET -> "application/octet-stream";
        };
    }

    @Override
    public String toString() {
        return switch (type) {
            case CSV -> "csv(" + (separator == '\t' ? "tab" : String.valueOf(separator)) + ", "
                    + eol.replace("\r", "CR").replace("\n", "LF") + (bom ? ", BOM" : "") + ")";
            case JSON -> "json" + (bom ? "(BOM)" : "");
            case PARQUET -> "parquet";
        };
    }
}
