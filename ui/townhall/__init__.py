"""Screens' parts for energy.townhall."""
