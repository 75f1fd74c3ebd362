"""runapy 1.x import paths (``runai.ProjectsApi``, ``runai.api.projects_api``,
``runai.models.project``) resolved lazily to the modules of the installed distributions.

Not an API: the public names are the runapy 1.x paths themselves. Nothing here is imported, and
no index is read, until such a path is first used.
"""
