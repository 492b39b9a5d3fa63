"""Screens' parts for energy.training."""
