"""People who log in: accounts, passwords, logins and their throttle, self-registration.

- ``users``: accounts of every **role** (add, disable, password, language, district),
  logging in (Argon2 hashes, slow-down and lock after failed tries).
- ``applicants``: a resident group making its own ``applicant`` account from the login page.
- ``sso``: logging in with the city's identity provider (OpenID Connect): an identity's
  claims mapped to an existing staff, reviewer, trainer or town-hall account, never a new one.
"""
