"""Screens' parts for energy.call."""
