"""Town hall: the programme's story for the mayor's room, one slide at a time.

For the town-hall viewer and staff. Presentation mode hides the app around the slide; the
exports (PowerPoint, PDF) hold the same slides. Aggregates and villages only.
"""

import streamlit as st

from energy.core.access import can
from energy.core.errors import EnergyError
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.widgets import show_error
from ui.townhall import presentation as slides
from ui.townhall.admin import exports, stories_editor

actor = guard("townhall")

slides.keep_choices()
presenting = slides.presenting()
slides.page_style(presenting)
if presenting:  # only the slide: the setup (filters, banner, exports) waits for the end
    settings = slides.settings_while_presenting()
else:
    page_header("page.townhall", "townhall.caption")
    settings = slides.controls()
try:
    views = slides.load_slides(actor, settings.filters)
except EnergyError as exc:
    show_error(exc)
    st.stop()

slides.slideshow(views, auto_seconds=settings.auto_seconds, notes=not settings.present)

if not settings.present:
    st.divider()
    exports(actor, settings.filters)
    if can(actor, "village.write"):
        stories_editor(actor)
