"""Every report cjmap writes: one reporter interface, one registry, shared text helpers.

- :mod:`cjmap.reporting.base`: :class:`Reporter`, generic in the result it writes;
- :mod:`cjmap.reporting.registry`: a command's table of formats (lazy, ``"module:Class"``),
  which drives ``--format``'s help, validation and shell completion;
- :mod:`cjmap.reporting.text` and :mod:`cjmap.reporting.markdown`: plurals, numbers and
  the one Markdown escaping;
- one subpackage per command: :mod:`.lint`, :mod:`.diff`, :mod:`.score`, each with a
  module per format and its registry in ``__init__``.

How to add a format or a command: docs/architecture.md.
"""
