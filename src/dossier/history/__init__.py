"""The dossier's history in git: which records changed between two versions, and how."""
