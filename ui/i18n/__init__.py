"""Translations of the screens (Qt .ts sources, compiled .qm)."""
