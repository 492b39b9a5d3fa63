"""First-year training: the curriculum, sessions, attendance, completion, calendars.

Vocabulary: a **topic** of the curriculum is taught in **sessions** (a trainer, a venue, a
date) to the **participants** of villages; **attendance** is present, late, excused or
absent; a village **completes** its first year when its organisers attended what the
curriculum requires.

- ``curriculum``, ``schedule``, ``attendance``, ``completion``: each step.
- ``calendar``: iCalendar files; ``pdf``: attendance sheets and certificates;
  ``figures``: training figures for the town hall.
"""
