"""The demo data set and the city-scale generator. Nothing in the library depends on it:
the app's start and the command line decide to load it.

- ``load``: ``load_demo`` fills an empty store (``DEMO_ACTOR`` writes it).
- ``call``, ``organisations``, ``readings``, ``stories``, ``training``: each part.
- ``scale``: readings for hundreds of villages, for the benchmarks.
"""
