"""Dossier or problems → text for other programs: JSON, YAML, CSV, iCalendar, problem reports."""
