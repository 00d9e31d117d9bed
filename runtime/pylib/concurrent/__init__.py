"""Packages for running work concurrently (only concurrent.futures)."""
