"""Pure-Python rules of the routine: no Qt, no database."""
