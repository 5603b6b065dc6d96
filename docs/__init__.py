"""The documentation, installed with briefing as the package data briefing.doc_files, so
that `briefing docs TOPIC` prints it wherever briefing is installed (briefing/manual.py):
this file only makes the folder importable (briefing/theme/locate.py, builtin_dir)."""
