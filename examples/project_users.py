"""Give users access to a project: one access rule per user (subject), with a role, scoped to
the project.

    python examples/project_users.py PROJECT_NAME USER_EMAIL [USER_EMAIL ...] \
        [--role "L1 researcher" | --role-id ID]

Roles are looked up by name (``get_roles_v1``) unless ``--role-id`` is given.
"""

from __future__ import annotations

import argparse
import sys
from typing import Tuple

from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def find_role(client: RunaiClient[ApiClient], args: argparse.Namespace) -> Tuple[int, str]:
    """The role's id and a name to print."""
    if args.role_id is not None:
        return args.role_id, f"role {args.role_id}"
    roles = client.authentication_and_authorization.roles.get_roles_v1().data
    for role in roles:
        if role["name"] == args.role:
            return int(role["id"]), role["name"]
    known = ", ".join(sorted(role["name"] for role in roles)) or "none"
    sys.exit(f"no role named {args.role!r}; roles: {known}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("project")
    parser.add_argument("users", nargs="+", metavar="user_email")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--role", default="L1 researcher")
    which.add_argument("--role-id", type=int)
    args = parser.parse_args()

    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        projects = client.organizations.projects.get_projects(
            filter_by=[f"name=={args.project}"]
        ).data["projects"]
        if not projects:
            sys.exit(f"no project named {args.project!r}")
        project = projects[0]
        role_id, role_name = find_role(client, args)

        rules = client.authentication_and_authorization.access_rules
        for email in args.users:
            rule = rules.create_access_rule(
                {
                    "subjectType": "user",
                    "subjectId": email,
                    "roleId": role_id,
                    "scopeType": "project",
                    "scopeId": project["id"],
                    "clusterId": project["clusterId"],
                }
            ).data
            print(f"{email}: {role_name} on project {project['name']} (access rule {rule['id']})")


if __name__ == "__main__":
    main()
