"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

Structure (documented in docs/ci.md)::

    <testsuites name="cjmap lint" tests=T failures=F errors="0">
      <testsuite name=FILE tests=N failures=N errors="0" skipped="0">
        <!-- a file with findings: one failing testcase per finding -->
        <testcase name="CJ201 unaddressed-pain at 12:9" classname=FILE file=FILE line="12">
          <failure message=MESSAGE type="CJ201">FILE:12:9: CJ201 [warning] MESSAGE
    pointer: /stages/0/...</failure>
        </testcase>
        <!-- a clean file: one passing testcase -->
        <testcase name="lint" classname=FILE file=FILE />
      </testsuite>
    </testsuites>

No timings are written, so the same input gives the same bytes. Characters XML 1.0
cannot carry (control characters from binary input) are written as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cjmap.findings import Finding
from cjmap.lint.engine import FileResult, LintResult
from cjmap.reporting.lint.base import LintReporter

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _testcase_for(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(suite, "testcase", {
        "name": xml_safe(f"{f.code} {f.name} at {f.line}:{f.column}"),
        "classname": xml_safe(f.file),
        "file": xml_safe(f.file),
        "line": str(f.line),
    })
    failure = ET.SubElement(case, "failure", {"message": xml_safe(f.message), "type": f.code})
    failure.text = xml_safe(f"{f.concise}\npointer: {f.pointer or '/'}")


def _suite(root: ET.Element, file: FileResult) -> None:
    tests = max(1, len(file.findings))
    suite = ET.SubElement(root, "testsuite", {
        "name": xml_safe(file.path), "tests": str(tests), "failures": str(len(file.findings)),
        "errors": "0", "skipped": "0",
    })
    if not file.findings:
        ET.SubElement(suite, "testcase", {"name": "lint", "classname": xml_safe(file.path),
                                          "file": xml_safe(file.path)})
    for f in file.findings:
        _testcase_for(suite, f)


class JunitReporter(LintReporter):
    def report(self, result: LintResult) -> None:
        failures = sum(len(f.findings) for f in result.files)
        tests = sum(max(1, len(f.findings)) for f in result.files)
        root = ET.Element("testsuites", {"name": "cjmap lint", "tests": str(tests),
                                         "failures": str(failures), "errors": "0"})
        for file in result.files:
            _suite(root, file)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
