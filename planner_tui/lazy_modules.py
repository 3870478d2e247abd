"""Modules our dependencies import at start-up but this program rarely uses: loaded on first use.

pendulum imports ``dateutil.parser`` for one fallback (``pendulum.parse(...,
strict=False)``), and with it decimal, ctypes and importlib.resources: about
10 ms of every start, app and CLI alike, for code that never runs here. The
standard library's `importlib.util.LazyLoader` registers the module now and
runs it on first attribute access, so behaviour is unchanged if it is used.

Only a submodule reached as ``from package import module`` stays lazy: a plain
``import module`` statement reads the module's ``__spec__``, which loads it.
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("dateutil.parser",)


def defer(name: str) -> None:
    """Register ``name`` so that it is imported when first used, not now."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return  # not installed: whoever imports it gets the usual error
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # as an import would: `dateutil.parser` is an attribute of `dateutil`
        setattr(sys.modules[parent], child, module)


def defer_all() -> None:
    for name in DEFERRED:
        defer(name)
