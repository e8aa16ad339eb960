"""The Today page: the day's cards, set boxes, timers, note and step-up suggestions."""
