"""Formatters: plain data in, text out (rich text, JSON, SARIF, CSV, Markdown...). They never decide."""
