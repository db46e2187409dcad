package io.callsight.fuzz;

/**
 * The mutation operators. Those marked damaging break the file in ways the generator does not model row by
 * row (random bytes, a cut, a header that no longer names its values): for them only the status and the
 * count invariant are checked, not what was stored.
 */
enum Op {
    NONE(false),
    TRUNCATE(true),
    BYTE_FLIP(true),
    BYTE_INSERT(true),
    BOM(false),
    CRLF(false),
    CR(false),
    QUOTED_NEWLINE(false),
    HUGE_FIELD(false),
    THOUSANDS_OF_COLUMNS(false),
    HEADER_ONLY(false),
    BLANK_LINES(false),
    EMPTY(false),
    NUL(false),
    WRONG_SEPARATOR(false),
    SHUFFLED_COLUMNS(false),
    SHUFFLED_HEADER_ONLY(true),
    DUPLICATED_ROWS(false),
    ODD_VALUES(false);

    final boolean damaging;

    Op(boolean damaging) {
        this.damaging = damaging;
    }
}
