"""A district officer's pre-screen of an application (issue 27), for the city's review.

Vocabulary: before the city reviews an application, the officer of its district (a district
office or village centre) records whether the organisers were *met in person*, whether they
*live in the village area*, and a *verdict* (no concerns, concerns, could not verify) with
its own words. One pre-screen per application, revised in place: the audit log keeps each
version (who, when, from what to what).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import PRESCREEN_MET, PRESCREEN_RESIDENCE, PRESCREEN_VERDICTS
from energy.store.models.base import Base, UTCDateTime, in_, utcnow
from energy.store.models.call import Application


class Prescreen(Base):
    __tablename__ = "call_prescreens"
    __audit_village__ = ("application_id", "call_applications")
    __table_args__ = (
        CheckConstraint(in_("met_in_person", PRESCREEN_MET), name="met_in_person"),
        CheckConstraint(in_("lives_in_area", PRESCREEN_RESIDENCE), name="lives_in_area"),
        CheckConstraint(in_("verdict", PRESCREEN_VERDICTS), name="verdict"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), unique=True
    )
    # The district the officer screened for (the application's, when it was screened).
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    met_in_person: Mapped[str] = mapped_column(String(8))
    lives_in_area: Mapped[str] = mapped_column(String(8))
    verdict: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship()
