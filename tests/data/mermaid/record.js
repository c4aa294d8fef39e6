// Runs Mermaid's own journey grammar (journey.jison, compiled here with the `jison`
// package) on diagrams and prints, as JSON, the calls its actions make on the database:
// what Mermaid itself reads from each diagram. Used by tests/test_mermaid_jison.py.
//
// Usage: node record.js JISON_MODULES_DIR < diagrams.json   (a JSON list of texts)
//
// Before parsing, the text goes through the steps Mermaid applies first (preprocess.ts:
// line ends, front matter, directives, whole-line %% comments; Diagram.fromText:
// encodeEntities and a final newline). Those few lines are copied from Mermaid (MIT,
// see LICENSE.mermaid and SOURCES.md); the front matter is only cut off, not read.
'use strict';
const fs = require('fs');
const path = require('path');

const jison = require(path.join(process.argv[2], 'jison'));
const grammar = fs.readFileSync(path.join(__dirname, 'journey.jison'), 'utf8');
const parser = new jison.Parser(grammar);

const frontMatterRegex = /^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+/s;
const directiveRegex =
  /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;

function encodeEntities(text) {
  let txt = text;
  txt = txt.replace(/style.*:\S*#.*;/g, (s) => s.substring(0, s.length - 1));
  txt = txt.replace(/classDef.*:\S*#.*;/g, (s) => s.substring(0, s.length - 1));
  txt = txt.replace(/#\w+;/g, (s) => {
    const innerTxt = s.substring(1, s.length - 1);
    return (/^\+?\d+$/.test(innerTxt) ? 'ﬂ°°' : 'ﬂ°') + innerTxt + '¶ß';
  });
  return txt;
}

function prepare(code) {
  code = code.replace(/\r\n?/g, '\n');
  code = code.replace(/<(\w+)([^>]*)>/g,
    (m, tag, attributes) => '<' + tag + attributes.replace(/="([^"]*)"/g, "='$1'") + '>');
  const front = code.match(frontMatterRegex);
  if (front) code = code.slice(front[0].length);
  code = code.replace(directiveRegex, '');
  code = code.replace(/^\s*%%(?!{)[^\n]+\n?/gm, '').trimStart();
  return encodeEntities(code) + '\n';
}

// What a browser shows for a text after Mermaid's decodeEntities: numeric references
// become characters (cjmap writes only numeric ones).
function shown(text) {
  const decoded = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  return decoded.replace(/&#(\d+);/g, (m, code) => String.fromCodePoint(Number(code)));
}

function record(code) {
  const calls = [];
  const result = { title: null, accTitle: null, accDescr: null, sections: [], tasks: [] };
  let currentSection = '';
  parser.yy = {
    setDiagramTitle: (t) => { result.title = shown(t); },
    setAccTitle: (t) => { result.accTitle = shown(t); },
    setAccDescription: (t) => { result.accDescr = shown(t); },
    addSection: (t) => { currentSection = t; result.sections.push(shown(t)); },
    // journeyDb.addTask, as Mermaid has it: the score through Number(), actors split.
    addTask: (descr, taskData) => {
      const pieces = taskData.substr(1).split(':');
      const score = Number(pieces[0]);
      const peeps = pieces.length === 1 ? [] : pieces[1].split(',');
      result.tasks.push({ section: shown(currentSection), task: shown(descr),
                          score: String(score), people: peeps.map((s) => shown(s.trim())) });
    },
  };
  try {
    parser.parse(prepare(code));
  } catch (error) {
    return { error: String(error.message).split('\n')[0] };
  }
  return result;
}

const diagrams = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(diagrams.map(record)));
