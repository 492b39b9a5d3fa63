"""Files the app writes for people: spreadsheets, PDF pages, chart pictures.

- ``exports``: CSV and Excel bytes with every cell neutralised against formulas.
- ``pdf``: the PDF page with the Korean font registered (handouts, certificates, letters).
- ``chart_pictures``: a chart spec rendered to PNG offline, and the fonts it needs.

No store access here: callers pass what to write.
"""
