// One catalog line per sentence, even when part of it is a DOM node (a name in bold, a number
// that counts down, a link): the line keeps its own word order in each language, and `tNodes`
// puts the node where its `{placeholder}` stands. `**…**` marks words to set in bold (the gas-leak
// steps). Text goes in as text nodes only: catalog lines and data never reach `innerHTML`.
import { fill, t, type MessageKey, type Params } from "./index";

/** A `{name}` filled with a node, or with text (filled as `t()` would). */
export type NodeParams = Record<string, Node | string | number>;

/** The line `key` as nodes: `{name}` → `params[name]`, `**bold**` → `<strong>`. */
export function tNodes(key: MessageKey, params: NodeParams = {}): Node[] {
  return templateNodes(t(key), params);
}

/** `tNodes` on a template already in hand (tests, and lines built from two keys). */
export function templateNodes(template: string, params: NodeParams): Node[] {
  const textParams: Params = {};
  for (const [name, value] of Object.entries(params)) if (!(value instanceof Node)) textParams[name] = value;
  const out: Node[] = [];
  // Split on bold runs first, then on the placeholders left for nodes.
  template.split(/(\*\*[^*]+\*\*)/).forEach((part) => {
    if (part === "") return;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) {
      const strong = document.createElement("strong");
      strong.append(...templateNodes(part.slice(2, -2), params));
      out.push(strong);
      return;
    }
    for (const piece of fill(part, textParams).split(/(\{\w+\})/)) {
      if (piece === "") continue;
      const node = /^\{(\w+)\}$/.exec(piece)?.[1];
      const value = node === undefined ? undefined : params[node];
      out.push(value instanceof Node ? value : document.createTextNode(piece));
    }
  });
  return out;
}
