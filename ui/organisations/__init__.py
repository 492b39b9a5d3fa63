"""Screens' parts for energy.organisations."""
