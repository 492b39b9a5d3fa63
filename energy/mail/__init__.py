"""Mail to the people who must act (issue 25): addresses, the outbox every message goes
through, and the sender that delivers it.

Vocabulary: a message is *queued* (``outbox.enqueue``, in the transaction of the change that
causes it), *claimed* by one sender for a while (a lease), *attempted* (every attempt kept with
the mail server's answer), then *sent*, or queued again after a back-off, or *failed*
(``delivery``). The app's *sender thread* delivers after a commit that queued mail
(``background``); ``python -m energy mail send`` delivers what is left (``cli``); staff see the
outbox (``queue``). *Mail is off* without ``ENERGY_SMTP_URL``: messages then wait.
"""
