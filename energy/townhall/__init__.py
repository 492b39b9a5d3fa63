"""The mayor's town hall: programme aggregates only, as slides, a deck and a handout.

Vocabulary: the **scope** of a figure is the programme, a district or a cohort; a village
with fewer households than the threshold is never shown alone; **stories** are villages'
own words chosen by staff.

- ``scope``, ``figures``: the aggregates; ``pending``: what is not final yet;
  ``stories``: the quotes shown.
- ``presentation``: the slides in order (``slide_view``: what a slide is made of and the wording
  slides share; ``savings_slides``: energy saved, programme year, renewables, the map);
  ``deck`` (PowerPoint) and ``handout`` (PDF) export them;
  ``village_summary``: one village's page.
"""
