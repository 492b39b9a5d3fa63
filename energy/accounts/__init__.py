"""People who log in: accounts, passwords, logins and their throttle, self-registration.

- ``users``: accounts of every **role** (add, disable, password, language, district),
  logging in (Argon2 hashes, slow-down and lock after failed tries).
- ``applicants``: a resident group making its own ``applicant`` account from the login page.
"""
