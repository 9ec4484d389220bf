"""Models of kansli.publishing."""
