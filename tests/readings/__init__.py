"""Tests of the readings capability (energy/readings/): files, checks and imports."""
