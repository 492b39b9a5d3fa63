"""Readings on screen: the row-by-row report of a check or an import.

Each module here mirrors ``energy.readings`` and draws with Streamlit; the rules stay there."""
