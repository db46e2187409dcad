-- Holidays in calling rules (issue 17 §3, as data): some states forbid solicitation calls on legal holidays and on
-- Sundays (Rhode Island, Louisiana...). A rule of kind NO_CALL_DAYS forbids every call on its ISO weekdays and, with
-- `holidays`, on the days of its jurisdiction's calendar below, in the lead's local date in every candidate zone.
ALTER TABLE compliance_rule DROP CONSTRAINT compliance_rule_kind_check;
ALTER TABLE compliance_rule ADD CONSTRAINT compliance_rule_kind_check
    CHECK (kind IN ('CALLING_HOURS', 'ATTEMPT_LIMIT', 'DO_NOT_CALL', 'OPTED_OUT', 'NO_CALL_DAYS'));
ALTER TABLE compliance_rule ADD COLUMN holidays boolean NOT NULL DEFAULT false;
ALTER TABLE compliance_rule ADD CONSTRAINT compliance_rule_holidays_check CHECK (NOT holidays OR kind = 'NO_CALL_DAYS');
ALTER TABLE compliance_rule ADD CONSTRAINT compliance_rule_no_call_days_check
    CHECK (kind <> 'NO_CALL_DAYS' OR holidays OR cardinality(weekdays) > 0);

-- One legal holiday of one jurisdiction ('US' = federal, else a state): the days a NO_CALL_DAYS rule with
-- `holidays` of that jurisdiction forbids calls on. An observed day (a Saturday holiday kept on the Friday before, a
-- Sunday one on the Monday after) is a row of its own. ADMIN edits it (setComplianceHoliday; audited).
CREATE TABLE compliance_holiday (
    jurisdiction            text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
    day                     date NOT NULL,
    name                    text NOT NULL CHECK (length(name) > 0),
    source                  text,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    updated_by              text,
    PRIMARY KEY (jurisdiction, day)
);
