"""The project's own benchmarks: ``python -m benchmarks --help``. Figures are ratios measured
side by side in one run; README.md in this folder records them with the machine."""
