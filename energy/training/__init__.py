"""First-year training: the curriculum, sessions, attendance, completion, calendars.

Vocabulary: a **topic** of the curriculum is taught in **sessions** (a trainer, a venue, a
date) to the **participants** of villages; **attendance** is present, late, excused or
absent, **recorded** by the trainer or staff or put there by a participant's own **check-in**;
a village **completes** its first year when its organisers attended what the curriculum
requires. Self check-in takes a session's **code**, six digits that change every minute (the
minute before still counts), only inside the session's **check-in window**: from
``CHECKIN_OPENS_BEFORE_MINUTES`` (15) before it starts until it ends, never at a cancelled one.

- ``curriculum``, ``schedule``, ``attendance``, ``completion``: each step.
- ``checkin_codes`` (the code, the window, the QR code), ``checkin_public`` (a participant
  checks in from the QR code's link with no account: their village and name), ``checkin`` (a
  village committee logged in checks its people in), ``checkin_board`` (the trainer's
  screen, corrections, and the check-ins the list could not tell): self check-in.
- ``calendar``: iCalendar files; ``pdf``: attendance sheets and certificates;
  ``figures``: training figures for the town hall.
"""
