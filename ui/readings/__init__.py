"""Screens' parts for energy.readings."""
