// Finds English UI text left as string literals in screen code: what a Hindi reader would see
// in English. A literal is flagged when it reads like prose (letters and a space, a capitalised
// word, or words ending in punctuation) and does not stand where code names go: a class, a test
// id, a role, an attribute that is not read aloud, an object key, an import, a comparison with
// a stable code (`=== "Gas Leak"`). A line may opt out with `// i18n-ignore: <why>`.
// Used by screens.test.ts over the customer-facing files; kept free of Node APIs.

export interface Finding {
  line: number;
  text: string;
}

/** Code-name positions: the literal is a value of one of these keys. */
const CODE_KEY = /(?:\b(?:class|testid|variant|size|type|autocomplete|name|id|role|kind|labelClass|href|src|width|height|rows|tabindex|lang|novalidate|rowspan|colspan|scope|media)|"(?:data-[a-z-]+|aria-(?:labelledby|live|hidden|busy|controls|selected|pressed|describedby)|tabindex|novalidate|rows|src|href|alt|width|height|rowspan|colspan|scope|type|value|name|role|lang|id|media)")\s*:\s*$/;
/** Before a literal that is a stable value compared or switched on, imported, or a DOM name. */
const CODE_BEFORE =
  /(?:[=!]==\s*|\bcase\s+|\bfrom\s+|\bimport\s+|\b(?:h|t|icon|querySelector|querySelectorAll|addEventListener|removeEventListener|setAttribute|getAttribute|removeAttribute|toggleAttribute|createElement|getElementById|closest|contains|toggle|add|remove|includes|startsWith|endsWith|get|set|has)\(\s*)$/;
const CODE_AFTER = /^\s*(?:[=!]==)/;

function prose(text: string): boolean {
  const words = text.replace(/\$\{[^}]*\}/g, " ");
  if (!/[A-Za-z]{2,}/.test(words)) return false;
  // A class list / key / id: lowercase names with dashes, dots or underscores, spaces between.
  if (/^[a-z0-9_.\-\s:/#>[\]="'*]*$/.test(words) && !/[a-z]\s+[a-z]{2,}\s+[a-z]/.test(words)) return false;
  if (/^[A-Z][A-Za-z0-9]*$/.test(words.trim()) && /[a-z][A-Z]/.test(words)) return false; // a CamelCase code
  return /[A-Za-z]\s+[A-Za-z]/.test(words) || /^[A-Z][a-z]{2,}/.test(words.trim()) || /[A-Za-z][.…!?:]\s*$/.test(words);
}

const LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** The code of a line without its `//` comment (not one inside a string). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (quote !== null) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line.charAt(i + 1) === "/") return line.slice(0, i);
  }
  return line;
}

/** Every literal in `source` that looks like English UI text. */
export function findUiLiterals(source: string): Finding[] {
  const findings: Finding[] = [];
  let inBlockComment = false;
  source.split("\n").forEach((raw, index) => {
    if (raw.includes("i18n-ignore")) return;
    let line = raw;
    if (inBlockComment) {
      const end = line.indexOf("*/");
      if (end < 0) return;
      line = line.slice(end + 2);
      inBlockComment = false;
    }
    const start = line.indexOf("/*");
    if (start >= 0 && !/["'`]/.test(line.slice(0, start))) {
      const end = line.indexOf("*/", start + 2);
      if (end < 0) {
        inBlockComment = true;
        line = line.slice(0, start);
      } else line = line.slice(0, start) + line.slice(end + 2);
    }
    const code = withoutComment(line);
    if (/^\s*(?:import|export\s+\*|export\s+\{[^}]*\}\s+from)\b/.test(code)) return;
    for (const match of code.matchAll(LITERAL)) {
      const literal = match[0];
      const text = literal.slice(1, -1);
      const at = match.index;
      const before = code.slice(0, at);
      const after = code.slice(at + literal.length);
      if (!prose(text)) continue;
      // The first argument of t()/h()/icon()… is a key or a tag, not text.
      if (CODE_KEY.test(before) || CODE_BEFORE.test(before) || CODE_AFTER.test(after)) continue;
      // An object key: `{ "Gas Leak": …` or at the start of a line.
      if (/(?:^|[{,])\s*$/.test(before) && /^\s*:/.test(after)) continue;
      findings.push({ line: index + 1, text: literal });
    }
  });
  return findings;
}
