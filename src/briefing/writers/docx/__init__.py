"""The DOCX writer (python-docx)."""
