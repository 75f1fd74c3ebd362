"""Discovery of installed API categories through entry points."""
