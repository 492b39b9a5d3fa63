"""What makes a new ``AppTest`` slower than the page it runs, kept once per process.

Each new AppTest has Streamlit scan every installed distribution's metadata for custom
components (``streamlit.components.v2.manifest_scanner``): 0.13 s, half of a typical AppTest's
cost, for an answer that cannot change while tests run (nothing is installed meanwhile). A
server scans once, when it starts. Used by tests/conftest.py and by the page benchmark
(``benchmarks/pages.py``), whose timed runs never included the scan.
"""

from __future__ import annotations

from typing import Any


def scan_installed_components_once() -> None:
    """From now on, the first answer of Streamlit's component scan is given again."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # a Streamlit without the scan: nothing to keep
        return
    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "kept_once", False):
        return
    found: list[list[Any]] = []

    def scan_once() -> list[Any]:
        if not found:
            found.append(list(scan()))
        return list(found[0])

    scan_once.kept_once = True  # type: ignore[attr-defined]
    manifest_scanner.scan_component_manifests = scan_once
