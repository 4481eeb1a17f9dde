// Printing a GST document: a "Print on: A4 / A5 / 80 mm roll" choice and a Print button.
// Print first records the print with the backend (`print_document`), which answers with the
// copy being made — "Original for recipient" the first time, "Duplicate" after — and that copy
// is shown and printed, so a paper copy never claims to be the original when it is not.
//
// The printed copy is a clone of the document inside #print-root, a child of <body>, and the
// print CSS (styles.css, @media print) shows only that while `body.printing-document` is set:
// this works wherever the document sits on screen, even inside a modal <dialog>. The paper's
// page size is one print-only <style> (an @page rule cannot depend on a class).
import type { SaleDocument } from "../gen/SaleDocument";
import { type ApiError, toApiError } from "../api/error";
import { t } from "../i18n";
import { h } from "./dom";
import { invoiceView, type Paper } from "./invoice";
import { icon } from "./icons";
import { button, uid, withBusy } from "./ui";

/** The papers, with their labels in the chosen language. */
export function papers(): ReadonlyArray<{ value: Paper; label: string }> {
  return [
    { value: "a4", label: "A4" },
    { value: "a5", label: "A5" },
    { value: "roll", label: t("print.roll") },
  ];
}

/** Each paper's page: sheets keep a margin; the roll is 80 mm wide with the printer's own small margin. */
export const PAGE_RULES: Record<Paper, string> = {
  a4: "@page { size: A4 portrait; margin: 12mm; }",
  a5: "@page { size: A5 portrait; margin: 8mm; }",
  // Height: a roll has none; one invoice fits in 297 mm and thermal drivers cut after the ink.
  roll: "@page { size: 80mm 297mm; margin: 2mm 3mm; }",
};

const PAPER_KEY = "gasdesk.print-paper";
const PRINT_ROOT = "print-root";
const PAGE_STYLE = "print-page-size";

/** The paper this window printed on last (a kiosk PC keeps its thermal printer), A4 at first. */
export function rememberedPaper(): Paper {
  try {
    const saved = window.localStorage.getItem(PAPER_KEY);
    return saved === "a5" || saved === "roll" ? saved : "a4";
  } catch {
    return "a4";
  }
}

function rememberPaper(paper: Paper): void {
  try {
    window.localStorage.setItem(PAPER_KEY, paper);
  } catch {
    // Storage off: the choice lasts as long as the screen.
  }
}

/** Prints `documentEl` alone on `paper` (see the top of this file). */
export function printAlone(documentEl: HTMLElement, paper: Paper): void {
  let root = document.getElementById(PRINT_ROOT);
  if (root === null) {
    root = h("div", { id: PRINT_ROOT, attrs: { "aria-hidden": "true" } });
    document.body.append(root);
  }
  // A copy for paper only: the page must not hold its ids or test ids twice.
  const copy = documentEl.cloneNode(true) as HTMLElement;
  for (const el of [copy, ...Array.from(copy.querySelectorAll("*"))]) {
    el.removeAttribute("id");
    el.removeAttribute("data-testid");
    el.removeAttribute("aria-labelledby");
  }
  root.replaceChildren(copy);
  let style = document.getElementById(PAGE_STYLE);
  if (style === null) {
    style = h("style", { id: PAGE_STYLE, attrs: { media: "print" } });
    document.head.append(style);
  }
  style.textContent = PAGE_RULES[paper];
  document.body.classList.add("printing-document");
  // Ends with "afterprint"; where WebKit does not send it, the next touch or key after the
  // print dialog ends it, so a later print of something else (a staff list) is not blank.
  const done = (): void => {
    document.body.classList.remove("printing-document");
    root.replaceChildren();
    window.removeEventListener("afterprint", done);
    document.removeEventListener("pointerdown", done, true);
    document.removeEventListener("keydown", done, true);
  };
  window.addEventListener("afterprint", done);
  document.addEventListener("pointerdown", done, true);
  document.addEventListener("keydown", done, true);
  window.print();
}

export interface PrintableDocument {
  /** The document as it shows now (it is replaced by the copy each print returns). */
  readonly view: HTMLElement;
  /** The paper choice and the Print button, with the line a failed print shows in. */
  readonly controls: HTMLElement;
  readonly printButton: HTMLButtonElement;
  /** The document as last shown. */
  current(): SaleDocument;
}

/**
 * A document with its print controls. `record` is the backend's `print_document`; when it
 * fails nothing is printed and the reason shows beside the button.
 */
export function printableDocument(
  doc: SaleDocument,
  record: (documentId: number) => Promise<SaleDocument>,
  /** The words for a refused print: the backend's message for staff, the catalog's line for a customer. */
  describe: (error: ApiError) => string = (error) => error.message,
): PrintableDocument {
  let shown = doc;
  let paper = rememberedPaper();
  const view = h("div", { class: "invoice-view" }, invoiceView(shown, paper));
  const render = (): void => view.replaceChildren(invoiceView(shown, paper));

  const name = uid("paper");
  const choices = papers().map(({ value, label }) => {
    const input = h("input", { class: "paper__input", attrs: { type: "radio", name, value, "data-testid": `print-paper-${value}` } });
    input.checked = value === paper;
    input.addEventListener("change", () => {
      if (!input.checked) return;
      paper = value;
      rememberPaper(paper);
      render();
    });
    return h("label", { class: "paper__choice" }, input, h("span", { class: "paper__label" }, label));
  });
  const choice = h(
    "fieldset",
    { class: "paper", attrs: { "data-testid": "print-paper" } },
    h("legend", { class: "paper__legend" }, t("print.on")),
    h("div", { class: "paper__choices" }, ...choices),
  );

  const failure = h("p", { class: "message message--error print-failure", attrs: { role: "alert", "data-testid": "invoice-print-error" } });
  failure.hidden = true;
  const printButton = button([icon("printer"), t("print.button")], null, { variant: "primary", size: "lg", testid: "invoice-print" });
  printButton.addEventListener("click", () => {
    failure.hidden = true;
    void withBusy(printButton, t("print.preparing"), async () => {
      try {
        shown = await record(shown.id);
      } catch (raw) {
        failure.textContent = t("print.failed", { reason: describe(toApiError(raw)) });
        failure.hidden = false;
        return;
      }
      render();
      const printed = view.firstElementChild;
      if (printed instanceof HTMLElement) printAlone(printed, paper);
    });
  });

  const controls = h("div", { class: "print-controls no-print" }, choice, printButton, failure);
  return { view, controls, printButton, current: () => shown };
}
