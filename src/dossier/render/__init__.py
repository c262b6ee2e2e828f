"""Renderers: the same data drawn for a terminal, a document or another program."""
