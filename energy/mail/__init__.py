"""Mail to the people who must act: addresses, the outbox every message goes through, and
the sender that delivers it (issue 25)."""
