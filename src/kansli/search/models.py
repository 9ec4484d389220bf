"""Models of kansli.search."""
