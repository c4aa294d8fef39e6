"""The ``cjmap`` process's entry point (``cjmap`` and ``python -m cjmap``).

Start-up is most of what a one-file lint costs (docs/performance.md, "One map: start-up"). This
module owns the process, so it makes two decisions about it before anything else is
imported (nothing is imported here at module level):

- the cyclic garbage collector is held off (its threshold raised above what start-up
  allocates): the imports of typer, pydantic and the models allocate about 50,000
  long-lived containers and no garbage, and about 80 collections walked them for
  nothing. The command's :func:`cjmap.fastgc.fast_gc` takes over and restores it,
  freezing what start-up allocated out of later passes; a command without it (a
  long-running preview) still collects, only less often.
- pydantic plugins are not loaded: pydantic looks for them (entry points of every
  installed distribution, through ``importlib.metadata``) when it builds its first
  validator, about 9 ms of every command. cjmap's models are internal and offer no
  plugin hooks; a library caller's process (``import cjmap``) is left alone.
"""

from __future__ import annotations

# Not even typing here: importing it would already cost collections before the pause.

# pydantic's plugin loader: a private module, replaced in cjmap's own process only.
# tests/test_startup.py pins what this relies on (docs/performance.md, "One map: start-up").
PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def main() -> object:
    """Console-script entry point: the command line of :mod:`cjmap.cli`, started fast."""
    from cjmap.fastgc import pause_for_startup

    pause_for_startup()
    without_pydantic_plugins()
    from cjmap.cli import main as run

    return run()


def without_pydantic_plugins() -> None:
    """Stand in for pydantic's plugin loader: no plugins, and no ``importlib.metadata``.

    pydantic asks the loader only for ``get_plugins()`` (the stand-in returns none, as
    the loader does under ``PYDANTIC_DISABLE_PLUGINS=__all__``); anything else it might
    ask for in another version comes from the real module, imported then.
    """
    import sys
    import types

    if PYDANTIC_PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PYDANTIC_PLUGIN_LOADER, "No pydantic plugins (cjmap.start).")

    def get_plugins(*args: object, **kwargs: object) -> tuple[()]:
        return ()

    def real_attribute(name: str) -> object:
        import importlib

        if name.startswith("__"):  # the import system asking for __path__ and the like
            raise AttributeError(name)
        if sys.modules.get(PYDANTIC_PLUGIN_LOADER) is stand_in:
            del sys.modules[PYDANTIC_PLUGIN_LOADER]
        return getattr(importlib.import_module(PYDANTIC_PLUGIN_LOADER), name)

    stand_in.__dict__.update(get_plugins=get_plugins, __getattr__=real_attribute)
    sys.modules[PYDANTIC_PLUGIN_LOADER] = stand_in
