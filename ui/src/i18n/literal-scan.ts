// Finds English UI text left as string literals in screen code: what a Hindi reader would see
// in English. It reads the whole source (so a template literal over several lines is one
// literal) and knows, for each literal, the call it is an argument of and which argument:
//  - a text argument of `h(tag, attrs, …children)` or the label of `button(label, …)` is flagged
//    whenever it has a letter in it, even one short word ("OK");
//  - any other literal is flagged when it reads like prose (letters and a space, a capitalised
//    word, or words ending in punctuation), unless it stands where code names go: a value of a
//    code key (class, test id, role, an attribute that is not read aloud), an object key, a
//    comparison with a stable code (`=== "Gas Leak"`), a key of `t()`/`tNodes()`, a tag of
//    `h()`, or the name argument of a DOM method (`querySelector`, `setAttribute`'s name…).
// A line opts out only by a comment: `// i18n-ignore: <why>` at its end or alone on the line
// above (the word inside a string does not).
// Used by screens.test.ts; kept free of Node APIs.

export interface Finding {
  line: number;
  text: string;
}

/** Code-name positions: the literal is a value of one of these keys. */
const CODE_KEY =
  /(?:\b(?:class|testid|variant|size|type|autocomplete|name|id|role|kind|labelClass|href|src|width|height|rows|tabindex|lang|novalidate|rowspan|colspan|scope|media)|"(?:data-[a-z-]+|aria-(?:labelledby|live|hidden|busy|controls|selected|pressed|describedby)|tabindex|novalidate|rows|src|href|alt|width|height|rowspan|colspan|scope|type|value|name|role|lang|id|media)")\s*:\s*$/;
/** Before a literal that is a stable value compared or switched on, or imported. */
const CODE_BEFORE = /(?:[=!]==\s*|\bcase\s+|\bfrom\s+|\bimport\s+)$/;
const CODE_AFTER = /^\s*(?:[=!]==)/;

/**
 * Calls whose argument at the given index is a name, never text: the catalog's keys, a tag,
 * and the DOM's own names (selectors, events, attributes, classes).
 */
const NAME_ARGUMENTS = new Map<string, readonly number[]>(Object.entries({
  t: [0],
  tNodes: [0],
  h: [0],
  icon: [0],
  querySelector: [0],
  querySelectorAll: [0],
  addEventListener: [0],
  removeEventListener: [0],
  setAttribute: [0],
  getAttribute: [0],
  removeAttribute: [0],
  toggleAttribute: [0],
  hasAttribute: [0],
  createElement: [0],
  getElementById: [0],
  closest: [0],
  matches: [0],
  dispatchEvent: [0],
  Event: [0],
  CustomEvent: [0],
}));
/** `classList.add("x")` and friends: the class names (every argument). */
const CLASS_LIST = /\bclassList\.(?:add|remove|toggle|contains|replace)$/;

/** Messages for developers and logs, never on screen: `throw new Error(…)`, `console.error(…)`. */
const DEVELOPER_CALL = /^(?:(?:Range|Type)?Error|console\.(?:error|warn|log|info))$/;

/** Calls whose text arguments a reader sees: `h`'s children (index ≥ 2) and `button`'s label. */
function isTextArgument(callee: string, index: number): boolean {
  return (callee === "h" && index >= 2) || (callee === "button" && index === 0);
}

function prose(text: string): boolean {
  const words = text.replace(/\$\{[^}]*\}/g, " ");
  if (!/[A-Za-z]{2,}/.test(words)) return false;
  // A class list / key / id: lowercase names with dashes, dots or underscores, spaces between.
  if (/^[a-z0-9_.\-\s:/#>[\]="'*]*$/.test(words) && !/[a-z]\s+[a-z]{2,}\s+[a-z]/.test(words)) return false;
  if (/^[A-Z][A-Za-z0-9]*$/.test(words.trim()) && /[a-z][A-Z]/.test(words)) return false; // a CamelCase code
  return /[A-Za-z]\s+[A-Za-z]/.test(words) || /^[A-Z][a-z]{2,}/.test(words.trim()) || /[A-Za-z][.…!?:]\s*$/.test(words);
}

interface Frame {
  /** `(` of a call (with its callee's name), or a `{`/`[`/`${`/bare `(`. */
  kind: "call" | "group";
  callee: string;
  arg: number;
}

interface Literal {
  start: number;
  end: number;
  text: string;
  /** The call it is directly an argument of, and which argument. */
  callee: string | null;
  arg: number;
}

/** The literals of `source` with their call, and the lines a comment marks `i18n-ignore`. */
function tokenize(source: string): { literals: Literal[]; ignored: Set<number>; code: string } {
  const literals: Literal[] = [];
  const ignored = new Set<number>();
  // `code` is `source` with comments blanked (same length, newlines kept), for the context checks.
  const code = source.split("");
  const stack: Frame[] = [];
  /** Template literals being read, and the stack depth at each `${`. */
  const templates: { start: number; depth: number }[] = [];
  const lineOf = (at: number): number => source.slice(0, at).split("\n").length;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k += 1) if (code[k] !== "\n") code[k] = " ";
  };
  const direct = (): { callee: string | null; arg: number } => {
    const top = stack[stack.length - 1];
    return top?.kind === "call" ? { callee: top.callee, arg: top.arg } : { callee: null, arg: 0 };
  };

  let i = 0;
  /** Reads a template from just after its opening backtick (or a `}` closing `${…}`). */
  const readTemplate = (start: number): void => {
    while (i < source.length) {
      const c = source.charAt(i);
      if (c === "\\") i += 2;
      else if (c === "`") {
        i += 1;
        literals.push({ start, end: i, text: source.slice(start, i), ...direct() });
        return;
      } else if (c === "$" && source.charAt(i + 1) === "{") {
        i += 2;
        templates.push({ start, depth: stack.length });
        stack.push({ kind: "group", callee: "", arg: 0 });
        return;
      } else i += 1;
    }
  };

  while (i < source.length) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      if (/^\/\/\s*i18n-ignore\b/.test(source.slice(i, stop))) {
        // On the line's end it covers that line; alone on its line, the next one.
        const alone = /^\s*$/.test(source.slice(source.lastIndexOf("\n", i - 1) + 1, i));
        ignored.add(lineOf(i) + (alone ? 1 : 0));
      }
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const start = i;
      i += 1;
      while (i < source.length && source.charAt(i) !== c && source.charAt(i) !== "\n") i += source.charAt(i) === "\\" ? 2 : 1;
      i += 1;
      literals.push({ start, end: i, text: source.slice(start, i), ...direct() });
    } else if (c === "`") {
      i += 1;
      readTemplate(i - 1);
    } else if (c === "(" || c === "{" || c === "[") {
      const callee = c === "(" ? (/([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*$/.exec(source.slice(Math.max(0, i - 80), i))?.[1] ?? "") : "";
      const isCall = callee !== "" && !/^(?:if|for|while|switch|catch|return|typeof|function)$/.test(callee);
      stack.push({ kind: isCall ? "call" : "group", callee, arg: 0 });
      i += 1;
    } else if (c === ")" || c === "]") {
      stack.pop();
      i += 1;
    } else if (c === "}") {
      stack.pop();
      i += 1;
      const template = templates[templates.length - 1];
      if (template !== undefined && template.depth === stack.length) {
        templates.pop();
        readTemplate(template.start);
      }
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.arg += 1;
      i += 1;
    } else i += 1;
  }
  return { literals, ignored, code: code.join("") };
}

/** The callee's last name (`classList.add` stays whole for the class check). */
function shortName(callee: string): string {
  return CLASS_LIST.test(callee) ? callee : (callee.split(".").pop() ?? callee);
}

/** Every literal in `source` that looks like English UI text. */
export function findUiLiterals(source: string): Finding[] {
  const { literals, ignored, code } = tokenize(source);
  const findings: Finding[] = [];
  for (const literal of literals) {
    const line = source.slice(0, literal.start).split("\n").length;
    if (ignored.has(line)) continue;
    if (/^\s*(?:import|export)\b/.test(code.slice(code.lastIndexOf("\n", literal.start) + 1, literal.start))) continue;
    const text = literal.text.slice(1, -1);
    const callee = literal.callee === null ? null : shortName(literal.callee);
    if (callee !== null && (NAME_ARGUMENTS.get(callee)?.includes(literal.arg) === true || CLASS_LIST.test(callee))) continue;
    if (literal.callee !== null && DEVELOPER_CALL.test(literal.callee)) continue;
    const lineStart = code.lastIndexOf("\n", literal.start) + 1;
    const before = code.slice(lineStart, literal.start);
    const lineEnd = code.indexOf("\n", literal.end);
    const after = code.slice(literal.end, lineEnd < 0 ? code.length : lineEnd);
    // A stable code compared with (`doc.copy === "Original" ? …`), even among h()'s children.
    if (CODE_BEFORE.test(before) || CODE_AFTER.test(after)) continue;
    if (callee !== null && isTextArgument(callee, literal.arg)) {
      if (/[A-Za-z]/.test(text.replace(/\$\{[^}]*\}/g, ""))) findings.push({ line, text: literal.text });
      continue;
    }
    if (!prose(text)) continue;
    if (CODE_KEY.test(before)) continue;
    // An object key: `{ "Gas Leak": …` or at the start of a line.
    if (/(?:^|[{,])\s*$/.test(before) && /^\s*:/.test(after)) continue;
    findings.push({ line, text: literal.text });
  }
  return findings;
}
