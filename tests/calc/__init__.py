"""Tests of the pure calculations (energy/calc/) that have more than one module of tests."""
