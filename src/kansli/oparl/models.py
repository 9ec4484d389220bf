"""Models of kansli.oparl."""
