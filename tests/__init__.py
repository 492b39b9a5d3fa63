"""The test suite (``python3 -m pytest``; the README says how to run each tier).

Python's bytecode caches (``__pycache__/``, ignored by git) are written during a test run even
where the machine sets ``PYTHONDONTWRITEBYTECODE``, as this package is imported before any test
module. Without them each worker compiles the whole project and pytest rewrites every test
module's asserts again, and so does every child process a test starts (command lines, app
servers, benchmarks): about 5 s of each worker's start, and a second or more per child.
"""

import os
import sys

sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
