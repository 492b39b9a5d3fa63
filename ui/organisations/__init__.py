"""Organisations on screen: the formation checklist, registering an organisation, their tables.

Each module here mirrors ``energy.organisations`` and draws with Streamlit; the rules stay there."""
