// The frame of every admin screen: a section with its heading and actions, and a toolbar
// (the admin counterpart of screens/customer/common.ts's customerFrame).
import { h } from "../lib/dom";

/** The screen's title is the page's one top-level heading (the admin bar holds none). */
export function screenHeader(title: string, testid: string, ...actions: Node[]): HTMLElement {
  const heading = h("h1", { class: "admin-screen__title", attrs: { tabindex: "-1", "data-testid": `${testid}-title` } }, title);
  return h("header", { class: "admin-screen__header" }, heading, h("div", { class: "admin-screen__actions" }, ...actions));
}

export function screen(testid: string, ...children: Node[]): HTMLElement {
  return h("section", { class: "admin-screen", attrs: { "data-testid": `screen-${testid}` } }, ...children);
}

export function toolbar(...children: Node[]): HTMLElement {
  return h("div", { class: "toolbar admin-toolbar" }, ...children);
}
