"""Authentication: how a token is obtained, cached and refreshed."""
