"""Node pools: list a cluster's pools, create one for labelled nodes, wait until it is Ready,
change it, delete it.

RUNAI_BASE_URL=... RUNAI_CLIENT_ID=... RUNAI_CLIENT_SECRET=... python examples/node_pools.py
"""

from __future__ import annotations

from common import POLL, TIMEOUT, cluster_id, unique
from runai.api_client import ApiClient
from runai.configuration import Configuration
from runai.runai_client import RunaiClient


def main() -> None:
    with RunaiClient(ApiClient(Configuration.from_env())) as client:
        node_pools = client.organizations.node_pools
        cluster = cluster_id(client)
        for pool in node_pools.get_nodepools(filter_by=[f"clusterId=={cluster}"]):
            label = f"{pool.label_key}={pool.label_value}"
            print(f"existing node pool {pool.name} (id {pool.id}, nodes labelled {label})")

        created = node_pools.create_nodepool(
            {
                "name": unique("a100"),
                "clusterId": cluster,
                "labelKey": "nvidia.com/gpu.product",
                "labelValue": "NVIDIA-A100-SXM4-80GB",
                "overProvisioningRatio": 2,
            }
        ).data
        try:
            print(f"created node pool {created['name']} (id {created['id']})")
            # Raises WaitFailedError on a failure phase, WaitTimeoutError after TIMEOUT.
            ready = node_pools.wait_until_ready(created["id"], timeout=TIMEOUT, poll_interval=POLL)
            print(f"node pool {ready.name}: {ready.phase}")
            node_pools.patch_nodepool(created["id"], {"overProvisioningRatio": 3})
            read_back = node_pools.get_nodepool(created["id"]).data
            ratio = read_back["overProvisioningRatio"]
            print(f"node pool {read_back['name']}: {read_back['phase']}, over-provisioning {ratio}")
        finally:
            node_pools.delete_nodepool(created["id"])
        print(f"deleted node pool {created['name']}")


if __name__ == "__main__":
    main()
