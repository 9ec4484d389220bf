"""URLs of the workspace's planning screens (included in the `workspace` namespace)."""

urlpatterns: list = []
