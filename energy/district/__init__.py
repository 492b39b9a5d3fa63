"""The district tier: district offices and village centres (issue 27)."""
