"""URLs of the workspace's adjustment screens (included in the `workspace` namespace)."""

urlpatterns: list = []
