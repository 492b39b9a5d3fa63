"""The shell every page shares: the guard and login, the chrome and menu, translation,
markup and widgets."""
