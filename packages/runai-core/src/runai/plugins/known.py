"""The categories the project publishes, and the distribution that provides each.

Used only to tell a user which package to install when a category is missing; any other
distribution can add categories through the entry-point group without being listed here.
"""

KNOWN_CATEGORIES = {
    "organizations": "runai-organizations",
    "authentication_and_authorization": "runai-authz",
    "audit": "runai-audit",
    "datavolumes": "runai-datavolumes",
    "workloads": "runai-workloads",
    "workload_assets": "runai-assets",
    "policies": "runai-policies",
    "notifications": "runai-notifications",
    "ai_applications": "runai-ai-applications",
}
