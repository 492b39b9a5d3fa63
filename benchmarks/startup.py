"""Start-up of the command line against the libraries the project stands on.

``python -m energy --help`` against ``python -c "import pandas, sqlalchemy, numpy"``, each in
a new process, one of each in turn per round, so that a busy moment of the machine falls on
both. The goal: the command line's mean at most 1.2 times the libraries' mean (nothing heavy
happens at import; each command loads what it uses when it runs).

``python -m benchmarks.startup [RUNS]`` runs this step alone and prints its JSON.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.stores import ROOT

COMMANDS = {
    "cli_help": ("-m", "energy", "--help"),
    "libraries": ("-c", "import pandas, sqlalchemy, numpy"),
}
GOAL = 1.2


def _once(args: tuple[str, ...]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=120
    )
    return time.perf_counter() - start


def measure_startup(runs: int = 10) -> dict[str, Any]:
    for args in COMMANDS.values():
        _once(args)  # not counted: writes the bytecode caches and warms the file cache
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, args in COMMANDS.items():
            times[name].append(_once(args))
    means = {name: statistics.mean(seconds) for name, seconds in times.items()}
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    ratio = means["cli_help"] / means["libraries"]
    return {
        "runs": runs,
        "cli_help_mean_s": round(means["cli_help"], 3),
        "cli_help_median_s": round(medians["cli_help"], 3),
        "libraries_mean_s": round(means["libraries"], 3),
        "libraries_median_s": round(medians["libraries"], 3),
        "ratio": round(ratio, 2),
        "ratio_of_medians": round(medians["cli_help"] / medians["libraries"], 2),
        "goal": GOAL,
        "met": ratio <= GOAL,
    }


if __name__ == "__main__":
    print(json.dumps(measure_startup(int(sys.argv[1]) if len(sys.argv) > 1 else 10)))
