"""Screens' parts for energy.savings."""
