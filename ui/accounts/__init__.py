"""Accounts on screen: a person's own settings on the account page (where their mail goes,
in which language, which optional notices they get)."""
