"""Accounts on screen: a person's own settings on the account page (where their mail goes,
in which language, which optional notices they get), and, before anyone is logged in, asking
for a password-reset link from the login screen and the new-password form the mailed link
opens (mirrors ``energy.accounts.password_reset``)."""
