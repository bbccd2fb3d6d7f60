"""Extraction: rules that find mentions of entities and dates in documents."""
