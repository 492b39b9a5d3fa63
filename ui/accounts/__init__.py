"""Accounts on screen before anyone is logged in: asking for a password-reset link from the
login screen, and the new-password form the mailed link opens. Mirrors
``energy.accounts.password_reset``."""
