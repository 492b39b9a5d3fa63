"""Reference cases and the OpenEEmeter results they are checked against (see README.md)."""
