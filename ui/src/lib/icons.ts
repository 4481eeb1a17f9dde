// A few line icons, drawn as SVG elements (createElementNS: no markup strings), so they look
// the same on every kiosk whatever emoji fonts it has. Decorative: hidden from screen readers.
const SVG_NS = "http://www.w3.org/2000/svg";

type Shape = ["path", string] | ["rect", number, number, number, number, number] | ["line", number, number, number, number];

const ICONS = {
  cylinder: [
    ["rect", 10, 2, 4, 3, 0.5],
    ["path", "M8 8.5C8 6.6 9.8 5 12 5s4 1.6 4 3.5V20a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1z"],
    ["line", 8, 12, 16, 12],
    ["line", 8, 17, 16, 17],
  ],
  alert: [
    ["path", "M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"],
    ["line", 12, 9, 12, 13],
    ["line", 12, 17, 12.01, 17],
  ],
  clipboard: [
    ["rect", 5, 4, 14, 17, 2],
    ["rect", 9, 2, 6, 4, 1],
    ["line", 9, 11, 15, 11],
    ["line", 9, 15, 15, 15],
  ],
  receipt: [
    ["path", "M6 2h12v20l-3-2-3 2-3-2-3 2z"],
    ["line", 9, 7, 15, 7],
    ["line", 9, 11, 15, 11],
    ["line", 9, 15, 13, 15],
  ],
  printer: [
    ["path", "M6 9V2h12v7"],
    ["path", "M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2"],
    ["rect", 6, 14, 12, 8, 0],
  ],
} satisfies Record<string, Shape[]>;

export type IconName = keyof typeof ICONS;

export function icon(name: IconName, className = "icon"): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  for (const [key, value] of Object.entries({
    class: className,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": "2",
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
    "aria-hidden": "true",
    focusable: "false",
  })) {
    svg.setAttribute(key, value);
  }
  for (const shape of ICONS[name] as Shape[]) {
    let node: SVGElement;
    if (shape[0] === "path") {
      node = document.createElementNS(SVG_NS, "path");
      node.setAttribute("d", shape[1]);
    } else if (shape[0] === "rect") {
      node = document.createElementNS(SVG_NS, "rect");
      const [, x, y, width, height, rx] = shape;
      for (const [k, v] of Object.entries({ x, y, width, height, rx })) node.setAttribute(k, String(v));
    } else {
      node = document.createElementNS(SVG_NS, "line");
      const [, x1, y1, x2, y2] = shape;
      for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) node.setAttribute(k, String(v));
    }
    svg.append(node);
  }
  return svg;
}
