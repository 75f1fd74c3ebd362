"""Reuse the login of the Run:ai CLI v2: read its token, control-plane URL and cluster from
``~/.runai`` (or the directory given), then call the API as that user.

    runai login && python examples/cliv2_token.py [CLI_CONFIG_DIR]

The CLI's token is not refreshed by the client; run ``runai login`` again when it expires.
"""

from __future__ import annotations

import sys

from runai.cliv2_config_loader import CLIv2Config
from runai.runai_client import RunaiClient


def main() -> None:
    config = CLIv2Config(cliv2_config_path=sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"CLI config: {config.path}, control plane {config.control_plane_url}")
    with RunaiClient(
        cluster_id=config.cluster_uuid,
        bearer_token=config.token,
        runai_base_url=config.control_plane_url,
    ) as client:
        cluster = client.organizations.clusters.get_cluster_by_uuid(config.cluster_uuid).data
        print(f"cluster {cluster['name']} ({cluster['uuid']})")
        projects = client.organizations.projects.get_projects(
            filter_by=[f"clusterId=={config.cluster_uuid}"]
        )
        names = ", ".join(str(p.name) for p in projects)
        print(f"projects in the CLI's cluster: {names or 'none'}")


if __name__ == "__main__":
    main()
