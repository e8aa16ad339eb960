"""Qt Widgets interface: one module per screen or widget."""
