-- Holiday calendars 2024-2030 and the state rules that use them (issue 17 §3). Computed here from each holiday's
-- rule (fixed date, n-th weekday of a month, last Monday of May) so the rows can be checked against the statute;
-- an ADMIN adds the years after 2030 and any day a governor proclaims (setComplianceHoliday).
CREATE TEMPORARY TABLE holiday_def (jurisdiction text, name text, month int, day int, weekday int, nth int,
    observe_saturday boolean, observe_sunday boolean) ON COMMIT DROP;
-- day: a fixed date; weekday (ISO) + nth: the n-th such weekday of the month, nth -1 = the last one.
INSERT INTO holiday_def VALUES
    -- US federal holidays, 5 U.S.C. 6103(a); observed: Saturday -> Friday, Sunday -> Monday (5 U.S.C. 6103(b), E.O. 11582)
    ('US', 'New Year''s Day', 1, 1, NULL, NULL, true, true),
    ('US', 'Birthday of Martin Luther King, Jr.', 1, NULL, 1, 3, false, false),
    ('US', 'Washington''s Birthday', 2, NULL, 1, 3, false, false),
    ('US', 'Memorial Day', 5, NULL, 1, -1, false, false),
    ('US', 'Juneteenth National Independence Day', 6, 19, NULL, NULL, true, true),
    ('US', 'Independence Day', 7, 4, NULL, NULL, true, true),
    ('US', 'Labor Day', 9, NULL, 1, 1, false, false),
    ('US', 'Columbus Day', 10, NULL, 1, 2, false, false),
    ('US', 'Veterans Day', 11, 11, NULL, NULL, true, true),
    ('US', 'Thanksgiving Day', 11, NULL, 4, 4, false, false),
    ('US', 'Christmas Day', 12, 25, NULL, NULL, true, true),
    -- Rhode Island legal holidays, R.I. Gen. Laws 25-1-1 (unverified: read from secondary sources); a Sunday
    -- holiday is kept on the Monday after (R.I. Gen. Laws 25-1-1, unverified)
    ('RI', 'New Year''s Day', 1, 1, NULL, NULL, false, true),
    ('RI', 'Dr. Martin Luther King, Jr. Day', 1, NULL, 1, 3, false, false),
    ('RI', 'Memorial Day', 5, NULL, 1, -1, false, false),
    ('RI', 'Independence Day', 7, 4, NULL, NULL, false, true),
    ('RI', 'Victory Day', 8, NULL, 1, 2, false, false),
    ('RI', 'Labor Day', 9, NULL, 1, 1, false, false),
    ('RI', 'Columbus Day', 10, NULL, 1, 2, false, false),
    ('RI', 'Veterans Day', 11, 11, NULL, NULL, false, true),
    ('RI', 'Thanksgiving Day', 11, NULL, 4, 4, false, false),
    ('RI', 'Christmas Day', 12, 25, NULL, NULL, false, true),
    -- Louisiana: the federal holidays as a starting set (unverified against La. R.S. 1:55 and the Louisiana PSC's
    -- list of no-call holidays; Mardi Gras and days the governor proclaims are added by an ADMIN)
    ('LA', 'New Year''s Day', 1, 1, NULL, NULL, true, true),
    ('LA', 'Dr. Martin Luther King, Jr. Day', 1, NULL, 1, 3, false, false),
    ('LA', 'Washington''s Birthday', 2, NULL, 1, 3, false, false),
    ('LA', 'Memorial Day', 5, NULL, 1, -1, false, false),
    ('LA', 'Juneteenth', 6, 19, NULL, NULL, true, true),
    ('LA', 'Independence Day', 7, 4, NULL, NULL, true, true),
    ('LA', 'Labor Day', 9, NULL, 1, 1, false, false),
    ('LA', 'Columbus Day', 10, NULL, 1, 2, false, false),
    ('LA', 'Veterans Day', 11, 11, NULL, NULL, true, true),
    ('LA', 'Thanksgiving Day', 11, NULL, 4, 4, false, false),
    ('LA', 'Christmas Day', 12, 25, NULL, NULL, true, true);

WITH dated AS (
    SELECT d.jurisdiction, d.name, d.observe_saturday, d.observe_sunday,
        CASE
            WHEN d.day IS NOT NULL THEN make_date(y, d.month, d.day)
            WHEN d.nth > 0 THEN make_date(y, d.month, 1)
                + ((d.weekday - extract(isodow FROM make_date(y, d.month, 1))::int + 7) % 7) + 7 * (d.nth - 1)
            ELSE (make_date(y, d.month, 1) + interval '1 month')::date - 1
                - ((extract(isodow FROM (make_date(y, d.month, 1) + interval '1 month')::date - 1)::int - d.weekday + 7) % 7)
        END AS day
    FROM holiday_def d CROSS JOIN generate_series(2024, 2030) AS y
), days AS (
    SELECT jurisdiction, day, name FROM dated
    UNION ALL
    SELECT jurisdiction, day - 1, name || ' (observed)' FROM dated WHERE observe_saturday AND extract(isodow FROM day) = 6
    UNION ALL
    SELECT jurisdiction, day + 1, name || ' (observed)' FROM dated WHERE observe_sunday AND extract(isodow FROM day) = 7
)
INSERT INTO compliance_holiday (jurisdiction, day, name, source)
SELECT jurisdiction, day, name, CASE jurisdiction
        WHEN 'US' THEN '5 U.S.C. 6103; observed days 5 U.S.C. 6103(b), Executive Order 11582'
        WHEN 'RI' THEN 'R.I. Gen. Laws 25-1-1 (unverified)'
        ELSE 'Federal holidays as a starting set (unverified against La. R.S. 1:55)' END
FROM days
ON CONFLICT (jurisdiction, day) DO NOTHING;

INSERT INTO compliance_rule (code, jurisdiction, kind, weekdays, start_minute, end_minute, holidays, source, description) VALUES
    ('RI-HOURS', 'RI', 'CALLING_HOURS', ARRAY[1, 2, 3, 4, 5]::smallint[], 540, 1080, false,
        'R.I. Gen. Laws 5-61-3.4', 'Rhode Island: unsolicited telephonic sales calls Monday to Friday only between 9 a.m. and 6 p.m.'),
    ('RI-HOURS-SAT', 'RI', 'CALLING_HOURS', ARRAY[6]::smallint[], 600, 1020, false,
        'R.I. Gen. Laws 5-61-3.4', 'Rhode Island: on Saturday only between 10 a.m. and 5 p.m.'),
    ('RI-NO-CALL-DAYS', 'RI', 'NO_CALL_DAYS', ARRAY[7]::smallint[], NULL, NULL, true,
        'R.I. Gen. Laws 5-61-3.4', 'Rhode Island: no unsolicited telephonic sales call on a Sunday or a legal holiday'),
    ('LA-HOURS', 'LA', 'CALLING_HOURS', NULL, 480, 1200, false,
        'La. R.S. 45:811; La. PSC General Order R-29617 V(A)(2)', 'Louisiana: no telephonic solicitation before 8 a.m. or after 8 p.m.'),
    ('LA-NO-CALL-DAYS', 'LA', 'NO_CALL_DAYS', ARRAY[7]::smallint[], NULL, NULL, true,
        'La. R.S. 45:811; La. PSC General Order R-29617 V(A)(2)', 'Louisiana: no telephonic solicitation on a Sunday or a legal holiday');
