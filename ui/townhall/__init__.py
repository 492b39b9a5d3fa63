"""The town hall on screen: the presentation itself and the staff's preparation of it.

Each module here mirrors ``energy.townhall`` and draws with Streamlit; the rules stay there."""
