"""Writes of the catalog domain (services); reads live in catalog.selectors."""
