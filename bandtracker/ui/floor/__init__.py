"""Floor mode: one set at a time, full screen, for doing the routine from the mat."""
