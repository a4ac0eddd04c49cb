// Runs texts through the book's JavaScript privacy screen (privacy.js) under node.
// usage: node run_privacy.js <privacy.js> <rules.json> <texts.json>
// texts.json: [{tekst, namen?, jaar?}]; prints [[{kind, start, end, text, advice}]] with start
// and end counted in code points, as Python counts them.
"use strict";
const fs = require("fs");
const privacy = require(process.argv[2]);
const rules = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const texts = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const points = (text, offset) => Array.from(text.slice(0, offset)).length;
const results = texts.map((item) =>
  privacy.screen(item.tekst, rules, { knownNames: item.namen || [], year: item.jaar })
    .map((f) => ({ kind: f.kind, start: points(item.tekst, f.start),
      end: points(item.tekst, f.end), text: f.text, advice: f.advice })));
process.stdout.write(JSON.stringify(results));
