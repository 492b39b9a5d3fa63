"""Files the app writes for people: spreadsheets, PDF pages, chart pictures.

- ``exports``: CSV and Excel bytes with every cell neutralised against formulas.
- ``pdf``: the PDF page with the Korean font registered (handouts, certificates, letters).
- ``font_subset``: that font, Noto Sans CJK KR cut down to Korean, KS X 1001 hanja, Latin and
  symbols, committed in ``fonts/`` with its licence (the machine's full font fills any gap).
- ``chart_pictures``: a chart spec rendered to PNG offline, and the fonts it needs.

No store access here: callers pass what to write.
"""
