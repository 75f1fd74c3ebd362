"""``hatch run bench``: the client against the raw HTTP libraries and runapy 1.224.0."""
