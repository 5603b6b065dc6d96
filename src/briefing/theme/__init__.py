"""Themes: styles/<name>.yaml, validated by schema.py and resolved into points by resolve.py."""
