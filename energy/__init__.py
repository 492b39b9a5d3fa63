"""The Energy Self-Reliant Villages library (에너지자립마을).

Vocabulary:

- **district** (자치구): one of Seoul's 25 autonomous districts, shipped as reference data.
- **village** (마을): a resident group that the programme funds, identified by a short
  ``code``; it belongs to one district, joined in a ``cohort`` year, is in programme year
  1-3 or has ``graduated``, and has a ``status`` (active, paused, disbanded) whose dated
  history is kept with a reason.
- **actor**: who is acting (a logged-in user, or the command line); every data function
  takes one and enforces what that actor may see and change.
- **role**: ``admin`` (city staff), ``reviewer``, ``trainer``, ``committee`` (bound to one
  village), ``viewer`` (town hall: aggregates only).
- **audit log**: one row per write: who, when, what, before and after.

This package never imports Streamlit: pages and the command line are two thin shells
over it.
"""
