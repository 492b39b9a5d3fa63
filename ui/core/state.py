"""Session-state keys, named once so that pages and tests agree on them."""

ACTOR = "auth.actor"  # energy.core.access.Actor of the logged-in user
LAST_SEEN = "auth.last_seen"  # UTC time of the last rerun, for the idle timeout
CHECKED_AT = "auth.checked_at"  # when the account was last re-read from the store
EXPIRED = "auth.expired"  # set when the idle timeout logged the user out
LOGIN_METHOD = "auth.method"  # "password" or "oidc" (the city account): how the session logged in
SSO_REFUSED = "auth.sso_refused"  # why the city account was refused: its message and values
IDENTITY_DROPPED = "auth.identity_dropped"  # this session no longer reads st.user
IDENTITY_FORGET = "auth.identity_forget"  # the browser is yet to delete the identity cookie
LANG = "lang"  # "ko" or "en"
LANG_CHOICE = "lang.choice"  # the sidebar's language widget
CHOICES = "lang.choices"  # keys of the widgets whose options are words (ui.core.widgets.choice)
FLASH = "flash"  # (kind, message) shown once after a rerun
DEMO = "store.demo"  # whether this store holds demo data (asked once per session)
SIGNED_UP = "signup.made"  # the sign-in name an applicant just made, shown once on its home
RESET_DONE = "reset.done"  # a password was just set with a mailed link: say so on the login
