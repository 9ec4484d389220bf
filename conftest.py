"""Test-wide settings. Property tests judge behaviour, not speed: timing belongs in benchmarks/."""

from hypothesis import settings

settings.register_profile("kansli", deadline=None, print_blob=True)
settings.load_profile("kansli")
