// GasDesk UI entry point. For now a placeholder welcome page; the kiosk and office screens
// come later, each in its own module.
import logoUrl from "../../icons/128x128.png";
import { h } from "./lib/dom";
import { formatRupees } from "./lib/format";

function welcomePage(): HTMLElement {
  const features = [
    {
      title: "Book a refill",
      text: `Customers book and pay for a filled cylinder at the counter, ${formatRupees("1000")} a refill.`,
    },
    { title: "Report an issue", text: "Gas leaks, billing or regulator problems, tracked until resolved." },
    { title: "Run the agency", text: "Stock, refills, bookings, complaints, customers and reports for staff." },
  ];

  return h(
    "main",
    { class: "welcome" },
    h(
      "header",
      { class: "welcome__header" },
      h("img", { class: "welcome__logo", attrs: { src: logoUrl, alt: "", width: "96", height: "96" } }),
      h("h1", { class: "welcome__title" }, "GasDesk"),
      h("p", { class: "welcome__tagline" }, "LPG cylinder agency desk"),
    ),
    h(
      "ul",
      { class: "welcome__features" },
      ...features.map((feature) =>
        h("li", { class: "card" }, h("h2", { class: "card__title" }, feature.title), h("p", {}, feature.text)),
      ),
    ),
    h("p", { class: "welcome__note" }, "The counter and office screens are on their way."),
  );
}

const root = document.getElementById("app");
if (root === null) {
  throw new Error("GasDesk: #app element missing from index.html");
}
root.replaceChildren(welcomePage());
