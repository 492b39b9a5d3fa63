"""Screens' parts for energy.villages."""
