"""The table of /rest/ methods: each module registers its methods with @method(name)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Method:
    func: object
    public: bool  # answered without credentials
    admin: bool  # 50 for a user who is not an administrator


METHODS = {}


def method(name, public=False, admin=False):
    """Register the decorated function as the /rest/<name> method."""
    def register(func):
        METHODS[name] = Method(func, public, admin)
        return func

    return register
