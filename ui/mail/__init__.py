"""The outbox on screen (staff only): whether mail is on, what waits, what went, what failed
with the mail server's last answer, and "send now". Mirrors ``energy.mail.queue``."""
