"""Villages on screen: the committee's home, a village's card, the village picker.

Each module here mirrors ``energy.villages`` and draws with Streamlit; the rules stay there."""
