"""The reference site's sources: guides cut from the README and the API reference read from the
installed packages (``python tools/docs_site.py``, run by ``hatch run docs:build``)."""
