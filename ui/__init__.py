"""Streamlit glue shared by the pages: the guard, the chrome, translation and widgets.

Pages import from here and from ``energy``; nothing in ``energy`` imports this package.
"""
