"""Folder sync: each computer writes its own small files to a shared folder, and merges others'."""
