"""The shipped fonts and their licences (README.md), installed with briefing as the package
data briefing.font_files (the name briefing.fonts is the font registry, fonts.py): this file
only makes the folder importable (briefing/resources.py)."""
