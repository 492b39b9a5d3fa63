"""Decision letters: the catalogue's templates filled in from an application's row, in the
reader's language, and the same letter as an A4 PDF.

Built from the row rather than through an access-checked read, so that the decision's own
transaction can attach the letter to the message that announces it
(:mod:`energy.call.notices`); :mod:`energy.call.reports` checks who may read a letter and
then writes it here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from energy.core.i18n import format_date, format_krw, translate
from energy.store.models.call import Application

DECIDED = ("selected", "wait_listed", "rejected")


def letter_text(
    app: Application,
    lang: str,
    *,
    today: dt.date,
    escape: Callable[[str], str] | None = None,
) -> str:
    """The letter (Markdown) telling the group the decision on ``app`` in ``lang``: the
    reference, the group, the decision, the award and what comes with it (instalments, the
    spending report), the reviewers' note and whom to ask.

    ``escape`` is applied to every value filled in (the names people typed, the call's title,
    the note): a page that renders the letter passes its markdown escape; a file or a mail
    keeps the values as typed."""
    district = app.district
    district_name = (district.name_ko if lang == "ko" else district.name_en) if district else ""
    params: dict[str, object] = {
        "group": app.group_name or app.village_name,
        "village": app.village_name,
        "district": district_name,
        "reference": app.reference,
        "call": app.call.title,
        "year": app.programme_year,
        "award": format_krw(app.award_krw, lang),
        "code": app.village.code if app.village else "",
        "date": format_date(today, lang),
        "note": app.decision_note or "",
    }
    if escape is not None:
        params = {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}
    parts = [
        translate("letter.heading", lang, **params),
        translate("letter.opening", lang, **params),
        translate(f"letter.{app.status}", lang, **params),
        translate("letter.conditions", lang, **params) if app.status == "selected" else "",
        translate("letter.note", lang, **params) if app.decision_note else "",
        translate("letter.contact", lang, **params),
        translate("letter.closing", lang, **params),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def letter_pdf(text: str) -> bytes:
    """``text`` (a letter from :func:`letter_text`) as an A4 PDF, the Korean font embedded as
    the handout does; the Markdown marks are dropped. One page, unless a long note of the
    reviewers runs it onto a second."""
    from energy.documents.pdf import Pdf  # loads fpdf2 and the fonts: on first use

    pdf = Pdf("P")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for block in text.split("\n\n"):
        heading = block.startswith("# ")
        plain = block.removeprefix("# ").replace("**", "")
        pdf.line_of(plain, 16 if heading else 11, bold=heading, height=8 if heading else 6)
        pdf.ln(4)
    return bytes(pdf.output())
