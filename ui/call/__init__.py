"""The call for applications on screen: the applicant's home and sign-up, the form, withdrawing, decisions, grants and the staff's call administration.

Each module here mirrors ``energy.call`` and draws with Streamlit; the rules stay there."""
