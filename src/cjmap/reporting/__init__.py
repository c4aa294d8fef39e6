"""Every report cjmap writes: one reporter interface, one table of formats per command,
shared text helpers (docs/architecture.md, "The reporting layer").

- :mod:`cjmap.reporting.base`: :class:`Reporter`, generic in the result it writes;
- :mod:`cjmap.reporting.formats`: each command's table of formats (lazy,
  ``"module:Class"``), which drives ``--format``'s help, validation and shell completion;
- :mod:`cjmap.reporting.registry`: the table and the option values it gives the CLI;
- :mod:`cjmap.reporting.text` and :mod:`cjmap.reporting.markdown`: plurals, numbers and
  the one Markdown escaping;
- one subpackage per command, :mod:`.lint`, :mod:`.diff`, :mod:`.score`, :mod:`.history`,
  :mod:`.metrics`: a module per format and ``base`` with what that command's formats share.
"""
