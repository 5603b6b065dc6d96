"""Content files: loading (YAML with line marks), schema, figures and text templating."""
