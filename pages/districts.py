"""Districts (staff): the districts compared, and any one district's villages as its district
officer follows them (what is late or due, the log of visits)."""

from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.district.compare import districts_page

actor = guard("districts")

page_header("page.districts", "districts.caption")
districts_page(actor)
