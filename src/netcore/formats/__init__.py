"""Readers and writers: text <-> model."""
