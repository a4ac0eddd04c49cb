// Runs the golden answer forms and written answers through the page's formatief.js under node.
// usage: node run_formatief.js <formatief.js> <rules.json> <cases.json>
// cases.json: {"answers": [{raw, letters}], "written": [{text, spec}]}
"use strict";
const fs = require("fs");
const formatief = require(process.argv[2]);
const rules = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const cases = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
formatief.setRules(rules);
process.stdout.write(JSON.stringify({
  answers: cases.answers.map((c) => formatief.parseAnswer(c.raw, c.letters)),
  written: cases.written.map((c) => formatief.checkWritten(c.text, c.spec)),
  composed: (cases.composed || []).map((c) => formatief.compose(c.parts, c.spec)),
}));
