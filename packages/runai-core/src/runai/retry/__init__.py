"""The retry policy shared by every client."""
