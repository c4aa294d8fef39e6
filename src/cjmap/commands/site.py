"""``cjmap site PATH... -o DIR``: a static site of every map (docs/portfolio.md).

The whole site is built in memory first, so a map that fails to load, or any other
error, writes nothing. Then each file is written atomically into DIR. DIR must be
missing, empty, or a previous cjmap site (it holds the manifest ``.cjmap-site``, the list
of files it wrote); anything else needs ``--force``. Rebuilding a site deletes the files
the previous build wrote that this one does not (a map that was removed); no other file
in DIR is ever deleted, and no input is ever written over.
"""

from __future__ import annotations

import re
from pathlib import Path

from cjmap.commands import Streams
from cjmap.commands.maps import expand, load_all
from cjmap.commands.render import output_name
from cjmap.config import load_config
from cjmap.errors import ExitCode, UsageError
from cjmap.fastgc import fast_gc
from cjmap.html.view import shown_findings
from cjmap.inputs import describe_os_error, read_bounded
from cjmap.lint.engine import LintOptions
from cjmap.output import atomic_write_bytes, ensure_directory, refuse_inputs
from cjmap.render.graphviz import find_graphviz
from cjmap.reporting.text import plural
from cjmap.site.build import MANIFEST, SiteInput, build_site, read_manifest
from cjmap.site.portfolio import staleness

# A manifest lists a few hundred names; a bigger file there is not one cjmap wrote.
MANIFEST_LIMIT = 1 << 20
# The files a site is made of: the only ones a rebuild may delete.
_SITE_FILE = re.compile(r"(index|(maps|personas|channels)/[A-Za-z0-9._-]+)\.html")


def check_directory(target: Path, force: bool) -> list[str]:
    """Refuse a DIR we may not write into; the files a previous build wrote, if any."""
    try:
        return _previous_build(target, force)
    except OSError as exc:  # a name too long, a directory we may not list: before any work
        raise UsageError(f"-o {target}: cannot use this directory "
                         f"({describe_os_error(exc)})") from None


def _previous_build(target: Path, force: bool) -> list[str]:
    if target.exists() and not target.is_dir():
        raise UsageError(f"-o {target}: not a directory")
    if not target.exists():
        return []
    manifest = target / MANIFEST
    if manifest.is_file():
        text = read_bounded(str(manifest), MANIFEST_LIMIT).decode("utf-8", "replace")
        return read_manifest(text)
    if any(target.iterdir()) and not force:
        raise UsageError(f"-o {target}: the directory is not empty and is not a site cjmap "
                         "built; choose another, or add --force to write into it")
    return []


def page_names(paths: list[str], ids: list[str]) -> list[str]:
    """Each map's page name: its file name without ``.cjmap.yaml``, in letters, digits,
    ``.``, ``_`` and ``-``; a name already taken gets ``-2``, ``-3``…"""
    taken: set[str] = set()
    names: dict[str, str] = {}
    # In sorted order, so that the names do not depend on the order the maps were named in.
    for path, map_id in sorted(zip(paths, ids, strict=True)):
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", output_name(path, map_id)).strip(".-") or map_id
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        names[path] = name
    return [names[path] for path in paths]


def site(maps: list[str], *, output: Path, force: bool = False, streams: Streams) -> ExitCode:
    """Build the site of the maps into ``output``."""
    previous = check_directory(output, force)
    paths = expand(maps or ["."])
    lint = LintOptions.from_config(load_config())
    graphviz = find_graphviz()
    with fast_gc():
        loaded = load_all(paths, streams)
        names = page_names([m.path for m, _ in loaded], [j.id for _, j in loaded])
        inputs = [SiteInput(m.path, name, journey, tuple(shown_findings(m, lint)),
                            staleness(journey, lint.today, lint.stale_after_days))
                  for (m, journey), name in zip(loaded, names, strict=True)]
        files = build_site(inputs, graphviz)
    _write(output, files, previous, paths)
    streams.note(f"Wrote the site of {plural(len(inputs), 'map')} to {output} "
                 f"({plural(len(files) - 1, 'page')}); open {output / 'index.html'}")
    return ExitCode.OK


def _write(output: Path, files: dict[str, bytes], previous: list[str],
           inputs: list[str]) -> None:
    for name in files:
        refuse_inputs(output / name, inputs)
    for folder in sorted({(output / name).parent for name in files}):
        ensure_directory(folder)
    # The manifest last: until it is written, the previous one still names every file
    # a later build may delete.
    for name, data in files.items():
        if name != MANIFEST:
            atomic_write_bytes(output / name, data, inputs)
    atomic_write_bytes(output / MANIFEST, files[MANIFEST], inputs)
    for name in previous:
        if name not in files and _SITE_FILE.fullmatch(name):
            stale = output / name
            refuse_inputs(stale, inputs)
            stale.unlink(missing_ok=True)
