"""Runtime of the generated models: the bases every generated model, enum and union derives from.

Generated modules import the bases from their modules (``runai.modeling.model``,
``runai.modeling.enums``, ``runai.modeling.union``); only those modules import pydantic, so
``runai.modeling.hooks`` (what core itself needs) stays free of it.
"""
