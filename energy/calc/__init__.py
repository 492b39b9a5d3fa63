"""Pure calculations: DataFrames and numbers in, numbers, DataFrames and chart specs out.

- ``metrics``: savings arithmetic (the eco-mileage and baseline-year methods), month
  arithmetic; ``conversions``: a saving in TOE, tCO2 and won (bills on progressive tiers).
- ``factor_set``: the conversion factors and prices valid on one date (``FactorSet``).
- ``caltrack``: the weather-normalised method, CalTRACK 2.0's billing model (baseline fit,
  counterfactual, avoided energy), checked against OpenEEmeter; ``degree_days``: daily
  temperatures, the balance-point grid and degree days; ``savings_uncertainty``: the ± band
  of a weather-normalised saving (ASHRAE Guideline 14, as CalTRACK §4.3 adapts it).
- ``charts``, ``townhall_charts``, ``organisation_charts``: Altair chart specifications.
- ``schedule_solver``: places training sessions in rooms and weeks.

No module here does I/O or imports SQLAlchemy or Streamlit; a test checks it.
"""
