"""Moving history in and out: CSV, JSON and iCalendar files."""
