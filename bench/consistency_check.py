#!/usr/bin/env python3
"""Runs Callsight's consistency check on a running service and prints the report (python3 stdlib only).

    bench/consistency_check.py [--url http://127.0.0.1:8080] [--json]

The GraphQL query consistencyCheck (ADMIN) compares every rollup (agent_day_rollup, status_day_rollup,
lead_rollup, conversion_call) with a rebuild from the call fact and every feed row (feed_lead) with its
call, in one database snapshot. Exit status: 0 when every check is ok, 1 when one is not, 2 when the
service could not be asked.

Credentials as bench/replay.py: --api-key or $CALLSIGHT_API_KEY (an ADMIN key), else a login (--user,
default admin) with --password or $CALLSIGHT_ADMIN_PASSWORD, else $CALLSIGHT_DEMO_PASSWORD, else the
demo default 'callsight-demo'.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay import credentials  # noqa: E402

QUERY = "{ consistencyCheck { ok checkedAt checks { name ok mismatches examples } } }"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", default="http://127.0.0.1:" + os.environ.get("QUARKUS_HTTP_PORT", "8080"))
    p.add_argument("--api-key", help="an ADMIN key (default $CALLSIGHT_API_KEY)")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", help="default $CALLSIGHT_ADMIN_PASSWORD, $CALLSIGHT_DEMO_PASSWORD, 'callsight-demo'")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    args = p.parse_args()
    try:
        report = credentials(args).gql(QUERY)["consistencyCheck"]
    except (RuntimeError, OSError, ValueError, KeyError) as e:
        print(f"consistency-check: could not run the check on {args.url}: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"consistency check at {report['checkedAt']}: {'OK' if report['ok'] else 'NOT OK'}")
        for c in report["checks"]:
            print(f"  {'ok ' if c['ok'] else 'BAD'} {c['name']:<18} {c['mismatches']} mismatches")
            for e in c["examples"]:
                print(f"        {e}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
