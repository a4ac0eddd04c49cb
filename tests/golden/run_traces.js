// Plays golden traces with the book's JavaScript player engine (casus.js) under node.
// usage: node run_traces.js <casus.js> <compiled-case.json> <traces.json>
"use strict";
const fs = require("fs");
const engine = require(process.argv[2]);
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const traces = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const results = traces.map((trace) => {
  let state = engine.start(data);
  const feedback = [];
  for (const id of trace.keuzes) {
    const step = engine.choose(data, state, id);
    feedback.push(step.choice.id);
    state = step.state;
  }
  return { einde: state.scene, indicatoren: state.values, feedback };
});
process.stdout.write(JSON.stringify(results));
