"""A fictional municipality, Exempelkommun, for trying Kansli out: ``load_demo()``.

The demo accounts are listed in ``DEMO_USERS`` (username and password each).
"""

from .data import DEMO_USERS, DemoUser
from .loader import DemoSummary, load_demo

__all__ = ["DEMO_USERS", "DemoSummary", "DemoUser", "load_demo"]
