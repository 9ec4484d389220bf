"""Models of kansli.signing."""
