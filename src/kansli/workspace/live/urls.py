"""URLs of the workspace's live screens (included in the `workspace` namespace)."""

urlpatterns: list = []
