"""The district tier's screens: a district officer's home, advice and pre-screening."""
