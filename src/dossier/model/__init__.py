"""What a dossier is: values, records, the `Dossier` and its queries, cross-record checks,
lookup and search. No YAML, Rich, python-docx, Typer or Babel here."""
