"""The audit log on screen: its filters, pages of sentences with their values before and after,
and the download. Mirrors ``energy.audit``, which puts the entries in words."""
