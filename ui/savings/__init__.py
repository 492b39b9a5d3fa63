"""Savings on screen: the panels of figures and charts a village or the programme shows.

Each module here mirrors ``energy.savings`` and draws with Streamlit; the rules stay there."""
