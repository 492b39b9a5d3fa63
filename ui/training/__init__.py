"""Training on screen: scheduling sessions, taking attendance, progress and certificates, calendars.

Each module here mirrors ``energy.training`` and draws with Streamlit; the rules stay there."""
