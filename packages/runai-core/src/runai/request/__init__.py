"""Turning an operation and its arguments into an HTTP request."""
