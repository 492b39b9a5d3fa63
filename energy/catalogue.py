"""Every visible string, in Korean and English: see the modules of ``energy.messages``.

Keys are ``area.name``; ``{name}`` fields are filled by :func:`energy.i18n.translate`.
A test checks that every key used in the code is present, with both languages.
"""

from energy.messages import CATALOGUE as MESSAGES

__all__ = ["MESSAGES"]
