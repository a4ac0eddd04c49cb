// Builds Twine files from a Twee file with a real Twine toolchain (extwee), for the import
// tests: a published story (what Twine's "Publish to File" and Tweego write: the story
// format's page with the story data filled in), a library archive with a second story
// (a Harlowe story that is no case), and the Twee as extwee writes it again.
// usage: node make_stories.mjs <story.twee> <format.js> <output folder>
import fs from "node:fs";
import path from "node:path";
import {
  parseTwee, parseStoryFormat, compileTwine2HTML, compileTwine2ArchiveHTML, Story, Passage,
} from "extwee";

const [twee, formatFile, out] = process.argv.slice(2);
const story = parseTwee(fs.readFileSync(twee, "utf8"));
const format = parseStoryFormat(fs.readFileSync(formatFile, "utf8"));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "gepubliceerd.html"), compileTwine2HTML(story, format));

const other = new Story("Een ander verhaal");
other.IFID = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
other.format = "Harlowe";
other.formatVersion = "3.3.9";
other.addPassage(new Passage("Begin", "(set: $x to 1)Hallo. [[Verder->Einde]]", [], { position: "100,100" }));
other.addPassage(new Passage("Einde", "Klaar.", [], { position: "300,100" }));
other.start = "Begin";
const again = parseTwee(fs.readFileSync(twee, "utf8"));
fs.writeFileSync(path.join(out, "archief.html"), compileTwine2ArchiveHTML([other, again]));
fs.writeFileSync(path.join(out, "extwee.twee"), parseTwee(fs.readFileSync(twee, "utf8")).toTwee());
