"""Weather: daily mean temperatures per KMA station, their import, and their reading.

Vocabulary: a **station** is a KMA ASOS observing station, known by its number (108 is
서울 / Seoul, the station that serves every village unless another is set); a **day** is one
station's mean temperature of one calendar day in °C (a day with no observation is simply
absent); a **batch** is one import (a KMA file, a plain ``date,temp_c`` file, the demo's
made-up weather); a **conflict** is a day the file gives a value other than the stored one.

- ``files``: reading a KMA ASOS daily file or a plain file into checked days.
- ``imports``: ``import_temperatures``, atomic (every day or none), conflicts refused unless
  replaced; ``write_days``, the bulk insert under one batch.
- ``temperatures``: ``daily_temperatures`` (a pandas series for the savings engine),
  ``station_for_village``, ``set_village_station`` and ``coverage`` (days per station and
  year).
- ``cli``: the ``weather`` commands of ``python -m energy``.
"""
