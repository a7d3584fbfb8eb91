"""Screens and dialogs; thin, they talk to models and the session."""
