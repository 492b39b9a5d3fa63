"""``python -m energy``: the command line (see energy/cli.py)."""

from energy.cli import main

raise SystemExit(main())
