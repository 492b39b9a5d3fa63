"""What the readings add up to: savings by two methods, renewables, factors, league tables.

Vocabulary: the **eco-mileage** method compares a period with the same months two years
before; the **baseline-year** method with the village's first year. A **factor** converts a
carrier's quantity to TOE or tCO2, a **tariff** to KRW; both are dated and sourced.

- ``compute``: ``compute_savings`` for a village, district, cohort or the programme.
- ``sql``, ``village_sums``, ``household_years``, ``village_reported``: the kept monthly
  and yearly sums the figures are read from (and the households that reported each month),
  and their rebuild.
- ``factors``: the conversion factors and tariffs.
- ``performance``: league tables and districts' figures.
- ``renewables``: solar output.
- ``weather_method``: the weather-normalised method (CalTRACK) for one village.
- ``cli``: the ``report savings`` command.
"""
