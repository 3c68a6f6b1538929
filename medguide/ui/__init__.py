"""PySide6 user interface: main window, dialogs, Qt models, printing glue, background tasks."""
