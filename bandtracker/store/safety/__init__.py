"""Backups, restores and recovery from damage."""
