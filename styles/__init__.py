"""The built-in themes (docs/themes.md), installed with briefing as the package data
briefing.styles: this file only makes the folder importable (briefing/resources.py)."""
