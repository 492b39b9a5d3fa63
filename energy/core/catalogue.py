"""Every visible string, in Korean and English: see the modules of ``energy.core.messages``.

Keys are ``area.name``; ``{name}`` fields are filled by :func:`energy.core.i18n.translate`.
A test checks that every key used in the code is present, with both languages.
"""

from energy.core.messages import CATALOGUE as MESSAGES

__all__ = ["MESSAGES"]
