"""The Preferences dialog and its tabs."""
