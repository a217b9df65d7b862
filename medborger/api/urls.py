from medborger.api.api import api

__all__ = ["api"]
