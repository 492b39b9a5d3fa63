"""Named errors that domain functions raise.

Each carries a catalogue key and parameters, so the page shows it in the user's language
and the command line prints it in English on one line.
"""

from __future__ import annotations

from typing import Any

from energy.core.i18n import translate


class EnergyError(Exception):
    """Base of every error a user may see. ``key`` names the catalogue message."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)

    def message(self, lang: str = "en") -> str:
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class AccessDenied(EnergyError):
    """The actor may not see or change this."""

    key = "error.access_denied"


class NotFound(EnergyError):
    key = "error.not_found"


class InvalidInput(EnergyError):
    """A value the user gave breaks a rule; ``field`` names the input it belongs to."""

    key = "error.invalid"

    def __init__(self, key: str | None = None, /, *, field: str | None = None, **params: Any):
        super().__init__(key, **params)
        self.field = field


class AlreadyExists(InvalidInput):
    key = "error.already_exists"


class StoreBehind(EnergyError):
    """The server database is older than the code: someone must run the upgrade."""

    key = "error.store_behind"


class StoreAhead(EnergyError):
    """The database was migrated by newer code than this one."""

    key = "error.store_ahead"
