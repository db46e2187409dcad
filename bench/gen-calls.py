#!/usr/bin/env python3
"""Deterministic generator of a realistic Callsight call CSV (python3 stdlib only).

    bench/gen-calls.py N OUT.csv [--seed S] [--days D] [--end YYYY-MM-DD] [--id-prefix P]

Writes exactly N rows (plus a header) in the seed's column layout. The data:

* 3 advertisers, 8 campaigns (each owned by one advertiser, with its own volume weight, connect
  rate and conversion rate), 25 agents (with their own activity weight and skill).
* Leads are dialled 1..6 times (mean about 2.7): every attempt connects or not; a connected call
  ends the lead as Interested / Not Interested, or asks for a Callback (dialled again); an
  unconnected one (No Answer / Busy / Voicemail) is retried unless the dialler gives up.
* Dial times fall in business hours (08:00-20:00 UTC) of the D days before --end
  (window [end - D days, end), UTC; --end defaults to today), retries hours or days apart. Leads
  whose later attempts would fall after the window end are cut there (as an export would be).
* Durations are log-normal whole seconds; agent_call_duration_s >= customer_call_duration_s
  (customer time is 0 for unconnected calls).
* call ids ``{P}C00000001``..., lead ids ``{P}L0000001``...: unique within a file, and across files
  with different prefixes.

Same arguments (including --end) -> byte-identical file. 1M rows take about 10 s.
"""

import argparse
import datetime as dt
import math
import random
import sys
import time

ADVERTISERS = [
    ("ADV-01", "Acme Insurance"),
    ("ADV-02", "Brightside Solar"),
    ("ADV-03", "Cobalt Home Loans"),
]

# campaign id, name, advertiser index, volume weight, connect rate, conversion rate (of connected finals)
CAMPAIGNS = [
    ("CMP-101", "Auto Insurance Q1", 0, 0.20, 0.42, 0.24),
    ("CMP-102", "Home Insurance Renewals", 0, 0.12, 0.47, 0.31),
    ("CMP-103", "Life Insurance Leads", 0, 0.08, 0.35, 0.18),
    ("CMP-201", "Solar Panels Residential", 1, 0.18, 0.33, 0.15),
    ("CMP-202", "Solar Battery Upsell", 1, 0.07, 0.50, 0.28),
    ("CMP-203", "Solar Commercial Outreach", 1, 0.05, 0.29, 0.12),
    ("CMP-301", "Mortgage Refinance", 2, 0.19, 0.38, 0.21),
    ("CMP-302", "First-time Buyers", 2, 0.11, 0.40, 0.26),
]

FIRST_NAMES = ["Alex", "Blake", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan",
               "Kai", "Logan", "Morgan", "Noa", "Owen", "Parker", "Quinn", "Riley", "Sam", "Taylor",
               "Uma", "Val", "Wren", "Xan", "Yael"]
LAST_NAMES = ["Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones",
              "Khan", "Lopez", "Meyer", "Novak", "Olsen", "Patel", "Quist", "Reyes", "Singh", "Tanaka",
              "Ueda", "Varga", "Walsh", "Xu", "Young"]

HEADER = ("call_id,lead_id,campaign_id,campaign_name,advertiser_id,advertiser_name,agent_id,agent_name,"
          "call_status,lead_status,agent_call_duration_s,customer_call_duration_s,from_number,to_number,"
          "attempt_no,lead_created_at,updated_at,connected,dial_time\n")

MAX_ATTEMPTS = 6
ROWS_PER_LEAD = 2.68  # mean rows per lead the attempt model below yields (measured)
DAY = 86400
OPEN_S = 8 * 3600     # floor opens 08:00 UTC
CLOSE_S = 20 * 3600   # and closes 20:00 UTC


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("rows", type=int, help="number of data rows")
    p.add_argument("out", help="output CSV path ('-' for stdout)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--days", type=int, default=90, help="days of dial times (default 90)")
    p.add_argument("--end", default=None,
                   help="exclusive end date of the window, YYYY-MM-DD, UTC midnight (default today)")
    p.add_argument("--id-prefix", default="", help="prefix of call and lead ids (default none)")
    a = p.parse_args(argv)
    if a.rows < 0 or a.days < 1:
        p.error("rows must be >= 0 and days >= 1")
    return a


def main(argv):
    a = parse_args(argv)
    end_date = dt.date.fromisoformat(a.end) if a.end else dt.datetime.now(dt.timezone.utc).date()
    end_ts = int(dt.datetime(end_date.year, end_date.month, end_date.day, tzinfo=dt.timezone.utc).timestamp())
    start_ts = end_ts - a.days * DAY
    t0 = time.perf_counter()
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    try:
        generate(out, a.rows, a.seed, start_ts, end_ts, a.id_prefix)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"gen-calls: {a.rows} rows, seed {a.seed}, dial times in [{dt.datetime.fromtimestamp(start_ts, dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}, "
          f"{dt.datetime.fromtimestamp(end_ts, dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}), "
          f"{time.perf_counter() - t0:.1f} s -> {a.out}", file=sys.stderr)


def generate(out, n_rows, seed, start_ts, end_ts, prefix):
    rnd = random.Random(seed)
    random_ = rnd.random
    lognorm = rnd.lognormvariate
    expo = rnd.expovariate
    choices = rnd.choices

    # Timestamps: a cached "YYYY-MM-DDT" per day and "HH:MM:SSZ" per second of day.
    hms = [f"{h:02d}:{m:02d}:{s:02d}Z" for h in range(24) for m in range(60) for s in range(60)]
    day_prefix = {}

    def ts(t):
        d, s = divmod(t, DAY)
        p = day_prefix.get(d)
        if p is None:
            p = dt.datetime.fromtimestamp(d * DAY, dt.timezone.utc).strftime("%Y-%m-%dT")
            day_prefix[d] = p
        return p + hms[s]

    # Dimension rows, pre-rendered as CSV fragments.
    adv_cells = [f"{aid},{name}" for aid, name in ADVERTISERS]
    campaigns = []
    for cid, name, adv, weight, connect, conv in CAMPAIGNS:
        dids = [f"+1{rnd.randint(200, 989)}555{rnd.randint(1000, 9999)}" for _ in range(3)]
        campaigns.append((f"{cid},{name},{adv_cells[adv]}", connect, conv, dids))
    camp_weights = [c[3] for c in CAMPAIGNS]
    camp_cum = [sum(camp_weights[:i + 1]) for i in range(len(camp_weights))]
    agents = []
    for i in range(25):
        skill = 0.75 + 0.5 * rnd.random()               # conversion multiplier
        weight = 0.4 + rnd.random() if i % 6 else 0.35  # a few part-timers
        agents.append((f"AG-{i + 1:03d},{FIRST_NAMES[i]} {LAST_NAMES[(i * 7) % 25]}", skill, weight))
    agent_cum = []
    acc = 0.0
    for ag in agents:
        acc += ag[2]
        agent_cum.append(acc)
    n_agents = len(agents)
    total_agent_w = acc
    total_camp_w = camp_cum[-1]

    span = end_ts - start_ts
    # Leads arriving up to a week before the window: their retries fill its first days.
    first_created = start_ts - 7 * DAY
    # The newest leads arrive before 19:00 of the last day, so they get dialled.
    last_created = end_ts - DAY + CLOSE_S - 3600
    # Leads arrive at a steady rate, sized to give the window about 2% fewer than n_rows rows; the
    # shortfall is then made up by extra leads at uniformly random times, so the daily volume stays
    # flat over the whole window (no ramp-up at its start, no pile-up at its end).
    lead_gap = span * ROWS_PER_LEAD * 1.02 / max(n_rows, 1)
    out.write(HEADER)
    buf = []
    written = 0
    lead_no = 0
    call_no = 0
    filling = False
    while written < n_rows:
        lead_no += 1
        lead_id = f"{prefix}L{lead_no:07d}"
        if not filling:
            created = first_created + int((lead_no - 1) * lead_gap + random_() * lead_gap)
            filling = created > last_created
        if filling:
            created = first_created + int(random_() * (last_created - first_created))
        r = random_() * total_camp_w
        ci = 0
        while camp_cum[ci] < r:
            ci += 1
        camp_cells, connect_p, conv_p, dids = campaigns[ci]
        from_number = dids[lead_no % 3]
        to_number = f"+1{200 + int(random_() * 790)}{int(random_() * 10_000_000):07d}"
        created_s = ts(created)
        # Speed to lead: first dial minutes after the lead arrives (next opening if the floor is shut).
        t = created + 60 + int(expo(1 / 900.0))
        # A sticky agent for the lead most of the time.
        home_agent = agent_pick(random_() * total_agent_w, agent_cum, n_agents)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            t = business_hours(t, random_)
            if t >= end_ts:
                break
            if random_() < 0.7:
                ai = home_agent
            else:
                ai = agent_pick(random_() * total_agent_w, agent_cum, n_agents)
            agent_cells, skill, _ = agents[ai]
            final = False
            # Connect rate falls off with each retry.
            if random_() < connect_p * (1.0 - 0.06 * (attempt - 1)):
                connected = "true"
                call_status = "Answered"
                u = random_()
                conv = conv_p * skill
                if u < conv:
                    lead_status = "Interested"
                    cust = int(lognorm(5.6, 0.55))      # ~270 s median
                    final = True
                elif u < conv + 0.5:
                    lead_status = "Not Interested"
                    cust = int(lognorm(4.0, 0.8))       # ~55 s
                    final = True
                else:
                    lead_status = "Callback"
                    cust = int(lognorm(4.5, 0.7))       # ~90 s
                agent_s = cust + int(lognorm(2.6, 0.5)) + int(lognorm(3.0, 0.6))  # ring + wrap-up
            else:
                connected = "false"
                lead_status = "Not Answered"
                cust = 0
                v = random_()
                if v < 0.6:
                    call_status = "No Answer"
                    agent_s = int(lognorm(3.25, 0.3))   # ~26 s of ringing
                elif v < 0.78:
                    call_status = "Busy"
                    agent_s = int(lognorm(1.5, 0.5))
                else:
                    call_status = "Voicemail"
                    agent_s = int(lognorm(3.5, 0.4))    # agent leaves a message
                final = random_() < 0.12                # dialler gives up on the lead
            if t >= start_ts:  # calls before the window were made, but are not in this export
                call_no += 1
                buf.append(f"{prefix}C{call_no:08d},{lead_id},{camp_cells},{agent_cells},{call_status},{lead_status},"
                           f"{agent_s},{cust},{from_number},{to_number},{attempt},{created_s},"
                           f"{ts(t + agent_s + 5 + int(random_() * 120))},{connected},{ts(t)}\n")
                written += 1
                if written >= n_rows:
                    break
            if final:
                break
            # Next attempt: a callback or a same-day retry a few hours later, or another day.
            if lead_status == "Callback" or random_() < 0.45:
                t += 1800 + int(expo(1 / 10800.0))
            else:
                t += DAY * (1 + int(random_() * 3)) + int((random_() - 0.5) * 14400)
        if len(buf) >= 20000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def agent_pick(r, cum, n):
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < r:
            lo = mid + 1
        else:
            hi = mid
    return lo


def business_hours(t, random_):
    """Moves t into the floor's opening hours (08:00-20:00 UTC), spread over the first hours."""
    s = t % DAY
    if s < OPEN_S:
        return t - s + OPEN_S + int(random_() * 3 * 3600)
    if s >= CLOSE_S:
        return t - s + DAY + OPEN_S + int(random_() * 3 * 3600)
    return t


if __name__ == "__main__":
    main(sys.argv[1:])
