"""Output formats for reports, kept apart from the checks."""
