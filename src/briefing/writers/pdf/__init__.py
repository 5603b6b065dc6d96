"""The PDF writer (ReportLab)."""
