"""``python -m benchmarks``: measure, print a table, write JSON.

    python -m benchmarks --sizes 100k,1m --stores sqlite,postgresql --out benchmarks/results.json

Stores are built on first use (``python -m energy demo --households N --years 3``) under
$ENERGY_BENCH_DIR (default /tmp/energy-bench) or as PostgreSQL databases energy_bench_<size>,
and kept for the next run.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path
from typing import Any

from benchmarks.concurrency import GOAL_VS_TRIVIAL, against_trivial, measure_concurrency
from benchmarks.exports import GOAL as EXPORTS_GOAL
from benchmarks.exports import measure_exports
from benchmarks.first_start import FIRST_ELEMENT_GOAL, READY_GOAL_S, measure_first_start
from benchmarks.imports import measure_import
from benchmarks.pages import measure_pages
from benchmarks.savings import measure_savings
from benchmarks.startup import GOAL, measure_startup
from benchmarks.stores import SIZES, store_url

# Issue 26: a village's first import (the whole command, new households registered) at least
# at half the keyed floor's rate.
NEW_VILLAGE_GOAL = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--sizes", default="100k,1m", help=f"comma list of {', '.join(SIZES)}")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument(
        "--only",
        choices=(
            "pages",
            "savings",
            "import",
            "concurrency",
            "startup",
            "first_start",
            "exports",
        ),
        help="one measurement only",
    )
    parser.add_argument(
        "--import-rows", type=int, default=1_000_000, help="rows in the import benchmark's file"
    )
    parser.add_argument(
        "--startup-runs", type=int, default=10, help="runs of each command in the start-up step"
    )
    parser.add_argument(
        "--export-rounds", type=int, default=3, help="processes of each export in the exports step"
    )
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured window per setting")
    parser.add_argument(
        "--rate", type=float, default=50.0, help="reruns per second asked for in the paced run"
    )
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.processor()}".strip(),
        "python": sys.version.split()[0],
        "runs": [],
    }
    if args.only in (None, "startup"):
        up = measure_startup(args.startup_runs)
        figures["startup"] = up
        print(
            f"start-up ({up['runs']} runs each): `python -m energy --help` {up['cli_help_mean_s']}s, "
            f"`import pandas, sqlalchemy, numpy` {up['libraries_mean_s']}s: x{up['ratio']} "
            f"(medians x{up['ratio_of_medians']}; goal at most x{GOAL}: "
            f"{'met' if up['met'] else 'not met'})"
        )
    if args.only in (None, "first_start"):
        first = figures["first_start"] = measure_first_start()
        print(
            f"first start of a new install ({first['runs']} runs each, medians): the trivial "
            f"app's first page {first['trivial_first_element_s']}s; ours: healthy "
            f"{first['healthy_s']}s, first element (what it prepares) "
            f"{first['first_element_s']}s = x{first['first_element_vs_trivial']} (goal at most "
            f"x{FIRST_ELEMENT_GOAL}: {'met' if first['first_element_met'] else 'not met'}), "
            f"login form {first['login_form_s']}s, logged in {first['logged_in_s']}s (goal "
            f"within {READY_GOAL_S:g}s: {'met' if first['ready_met'] else 'not met'})"
        )
    standalone = ("startup", "first_start")
    for kind in [] if args.only in standalone else args.stores.split(","):
        if args.only in (None, "import"):
            i = measure_import(kind, args.import_rows)
            figures["runs"].append({"store": kind, "import": i})
            print(
                f"{kind:<10} import {i['rows']:,} rows ({i['file_mb']} MB): ours {i['ours_s']}s "
                f"(whole process {i['ours_process_s']}s; peak {i['ours_peak_mb']} MB; then village "
                f"sums rebuilt in {i['sums_rebuild_s']}s); floor {i['floor_s']}s (rate "
                f"x{i['rate_vs_floor']}, whole process x{i['process_rate_vs_floor']}); naive "
                f"{i['naive_s']}s (whole process {i['naive_process_s']}s; peak "
                f"{i['naive_peak_mb']} MB; ours x{i['speed_vs_naive']} faster)"
            )
            goal = i["new_process_rate_vs_keyed_floor"] >= NEW_VILLAGE_GOAL
            print(
                f"{kind:<10} keyed floor {i['keyed_floor_s']}s: registered households, whole "
                f"process x{i['process_rate_vs_keyed_floor']}; a new village's first import "
                f"({i['new_households']:,} households registered) {i['new_s']}s, whole process "
                f"{i['new_process_s']}s, peak {i['new_peak_mb']} MB: "
                f"x{i['new_process_rate_vs_keyed_floor']} of the keyed floor's rate (goal at "
                f"least x{NEW_VILLAGE_GOAL} and under 500 MB: "
                f"{'met' if goal and i['new_peak_mb'] < 500 else 'not met'})"
            )
            print(
                f"{kind:<10} the command itself (python -m energy readings import "
                f"--register-households), whole process with the village's sums rebuilt: "
                f"{i['command_s']}s, peak {i['command_peak_mb']} MB: "
                f"x{i['command_rate_vs_keyed_floor']} of the keyed floor's rate"
            )
            print(
                f"{kind:<10} own-table floor (the loader into the readings table itself, the "
                f"import's shortcuts taken) {i['own_table_floor_s']}s = "
                f"x{i['own_table_floor_vs_keyed_floor']} of the keyed floor's time; against it, "
                f"a new village's whole process x{i['new_process_rate_vs_own_table_floor']}, "
                f"the command x{i['command_rate_vs_own_table_floor']}"
            )
            if args.only == "import":
                continue
        for size in args.sizes.split(","):
            url = store_url(kind, size)
            run: dict[str, Any] = {"store": kind, "size": size}
            if args.only in (None, "savings"):
                run["savings"] = measure_savings(url, kind)
                s = run["savings"]
                print(
                    f"{kind:<10} {size:>5} savings: ours {s['ours_s']:.3f}s; self-join query "
                    f"{s['hand_sql_s']:.3f}s (x{s['ratio']}); history-column query "
                    f"{s['history_sql_s']:.3f}s (x{s['ratio_history']}); same: {s['same_figures']}"
                )
            if args.only in (None, "pages"):
                run["pages"] = measure_pages(url)
                for p in run["pages"]:
                    print(
                        f"{kind:<10} {size:>5} {p['role']:<9} {p['page']:<11} cold {p['cold_s']:7.3f}s  warm {p['warm_s']:7.3f}s"
                    )
            if args.only in (None, "exports"):
                run["exports"] = e = measure_exports(url, args.export_rounds)
                print(
                    f"{kind:<10} {size:>5} exports ({e['rounds']} processes each): handout "
                    f"{e['handout_first_s']}s, deck {e['deck_first_s']}s: x{e['ratio_first']} "
                    f"(goal at most x{EXPORTS_GOAL}: {'met' if e['met'] else 'not met'}); "
                    f"pictures kept: handout {e['handout_again_s']}s, deck {e['deck_again_s']}s: "
                    f"x{e['ratio_again']} ({'met' if e['documents_met'] else 'not met'}); "
                    f"processor time x{e['ratio_first_cpu']} and x{e['ratio_again_cpu']}; "
                    f"a one-line PDF {e['document_s']}s ({e['document_cpu_s']}s processor)"
                )
            if args.only in (None, "concurrency"):
                run["concurrency"] = measure_concurrency(
                    url, sessions=args.sessions, seconds=args.seconds, rate=args.rate
                )
                for c in run["concurrency"]:
                    pace = (
                        f"paced {c['offered_per_s']:g}/s" if c["offered_per_s"] else "back to back"
                    )
                    print(
                        f"{kind:<10} {size:>5} {c['app']:<7} {c['sessions']} sessions {pace}, gc after rerun "
                        f"{'on ' if c['post_script_gc'] else 'off'}: {c['reruns_per_s']:6.1f} "
                        f"reruns/s  p50 {c['p50_ms']} ms  p95 {c['p95_ms']} ms  "
                        f"{c['messages_per_rerun']} messages a rerun  "
                        f"failures {len(c['failures'])}"
                    )
                versus = run["concurrency_vs_trivial"] = against_trivial(run["concurrency"])
                if versus:
                    print(
                        f"{kind:<10} {size:>5} reruns/s x{versus['ratio']} of the trivial app's, "
                        f"paced p95 {versus['paced_p95_ms']} ms (goal at least "
                        f"x{GOAL_VS_TRIVIAL} and under 100 ms: "
                        f"{'met' if versus['met'] else 'not met'})"
                    )
                if "lines_ratio" in versus:
                    print(
                        f"{kind:<10} {size:>5} the trivial app with as many messages as ours "
                        f"(plain lines): x{versus['lines_ratio']} of its reruns/s; ours "
                        f"x{versus['ratio_vs_lines']} of that"
                    )
            figures["runs"].append(run)
    if args.out:
        args.out.write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


raise SystemExit(main())
