"""Pre-screening (district officers): the applications of my district, and for each one
whether I met the organisers, whether they live in the village area, and my verdict."""

from ui.core.auth import guard
from ui.district.prescreen import prescreen_page

actor = guard("prescreen")
prescreen_page(actor)
