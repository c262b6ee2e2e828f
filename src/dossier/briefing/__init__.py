"""Dossier → Briefing (plain data) → Word or Markdown."""
