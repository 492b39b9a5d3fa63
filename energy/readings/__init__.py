"""Monthly readings: files in, checks, the import, the month grid, data quality.

Vocabulary: a **reading** is one household's use of one **carrier** (electricity, gas,
water, heat; solar is generation) in one month, in the carrier's canonical unit; a
**batch** is one import; a **conflict** is a row that differs from what is stored.

- ``files``: reading CSV (UTF-8, BOM, CP949) and Excel files into rows (``csv_records``: any
  CSV file's records, read the same way, for the weather files).
- ``check``: the row-by-row checks (units, months, outliers, conflicts).
- ``report``: the ``ImportReport`` a check or import returns.
- ``writer``: writing a checked batch to the store in bulk.
- ``imports``: ``check_readings`` and ``import_readings``, atomic (every row or none).
- ``month_grid``: the committee's month-by-month entry grid.
- ``quality``: how complete and plausible a village's readings are.
- ``reporting``: which active villages lack readings for a month (the reminder's and the
  staff digest's notion).
"""
