"""Session-state keys, named once so that pages and tests agree on them."""

ACTOR = "auth.actor"  # energy.core.access.Actor of the logged-in user
LAST_SEEN = "auth.last_seen"  # UTC time of the last rerun, for the idle timeout
CHECKED_AT = "auth.checked_at"  # when the account was last re-read from the store
EXPIRED = "auth.expired"  # set when the idle timeout logged the user out
LANG = "lang"  # "ko" or "en"
LANG_CHOICE = "lang.choice"  # the sidebar's language widget
CHOICES = "lang.choices"  # keys of the widgets whose options are words (ui.core.widgets.choice)
FLASH = "flash"  # (kind, message) shown once after a rerun
DEMO = "store.demo"  # whether this store holds demo data (asked once per session)
SIGNED_UP = "signup.made"  # the sign-in name an applicant just made, shown once on its home
RESET_DONE = "reset.done"  # a password was just set with a mailed link: say so on the login
