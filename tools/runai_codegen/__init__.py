"""Generator of the runapy category packages from a Run:ai OpenAPI document."""
