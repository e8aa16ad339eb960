"""Band Tracker: a desktop tracker for a mini-band hip and glute routine."""

__version__ = "0.1.0"
APP_NAME = "Band Tracker"
