"""The translation catalogue, one module per concept (so that concepts grow independently).

Every module defines ``MESSAGES: dict[str, dict[str, str]]``: key → {"ko": ..., "en": ...}.
"""

from __future__ import annotations

import importlib
import pkgutil

CATALOGUE: dict[str, dict[str, str]] = {}

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _messages: dict[str, dict[str, str]] = importlib.import_module(
        f"{__name__}.{_module.name}"
    ).MESSAGES
    _clash = set(_messages) & set(CATALOGUE)
    if _clash:
        raise RuntimeError(f"message keys defined twice: {sorted(_clash)}")
    CATALOGUE.update(_messages)
