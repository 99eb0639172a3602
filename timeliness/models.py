"""Models of the timeliness app."""
