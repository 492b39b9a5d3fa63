"""The villages the programme funds, their districts and households.

Vocabulary: a **district** (자치구) is one of Seoul's 25; a **village** (마을) has a
``code``, a district, a ``cohort`` year, a programme year (1-3, then graduated) and a
``status`` (active, paused, disbanded) with a dated history and a reason; a **household**
belongs to one village and has a housing type, occupants and a floor-area band.

- ``directory``: adding, listing, editing villages and their status history.
- ``districts``: the reference list of districts.
- ``households``: households and their generation units; ``village_by_code``.
- ``stories``: a village's own words chosen for the town hall.
- ``lessons``: why villages paused or stopped, for the city to learn from.
"""
