"""What every stage uses to read the user's files: YAML with the line of every value
(`load`), pydantic errors turned into located Diagnostics (`parse`), and "did you mean"
hints (`hints`). The Diagnostics themselves and the exception tree are in `errors.py`.

`content/` and `theme/` both import this package; it imports neither of them (and
tests/test_layers.py says so).
"""
