// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Complaint } from "../../gen/Complaint";
import type { IssueType } from "../../gen/IssueType";
import { byTestId, queryTestId, settings, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { resetLanguage, setLanguage } from "../../i18n";
import { DESCRIPTION_MAX } from "../../lib/validate";
import { checkComplaint, reportScreen } from "./report";

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("input", { bubbles: true }));
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

function type(area: HTMLTextAreaElement, text: string): void {
  area.value = text;
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

const filed = (issue_type: IssueType, description: string): Complaint => ({
  id: 31,
  user_id: 7,
  username: "asha",
  consumer_no: "7100000007",
  issue_type,
  description,
  status: "Pending",
  resolution_note: "",
  created_at: "2025-03-12T05:00:00Z",
  updated_at: "2025-03-12T05:00:00Z",
});

describe("report issue", () => {
  it("shows the safety panel and helpline the moment Gas Leak is chosen", () => {
    const { ctx } = customerContext({}, { settings: settings({ emergency_helpline: "1800-123-4567" }) });
    const el = mount(reportScreen(ctx).el);
    const select = byTestId<HTMLSelectElement>(el, "complaint-type");
    expect(queryTestId(el, "gas-leak-panel")).toBeNull();
    choose(select, "Gas Leak");
    const panel = byTestId(el, "gas-leak-panel");
    expect(panel.getAttribute("role")).toBe("alert");
    // Indian domestic cylinders: the regulator knob goes OFF and the safety cap goes on the valve.
    const first = panel.querySelector("ol li");
    expect(first?.querySelector("strong")?.textContent).toBe("Turn the regulator knob OFF");
    expect(first?.textContent).toBe("Turn the regulator knob OFF and fit the safety cap on the cylinder valve.");
    expect(panel.textContent).not.toMatch(/turn off the cylinder valve|\*\*/i);
    expect(byTestId(el, "gas-leak-helpline").textContent).toBe("1800-123-4567");
    // The number comes first, under the title, before the steps (in an emergency it must show at once).
    const steps = panel.querySelector("ol");
    expect(steps).not.toBeNull();
    expect(panel.children[1]?.contains(byTestId(el, "gas-leak-helpline"))).toBe(true);
    expect(byTestId(el, "gas-leak-helpline").compareDocumentPosition(steps as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    choose(select, "Billing Issue");
    expect(queryTestId(el, "gas-leak-panel")).toBeNull();
  });

  it("offers exactly the four types", () => {
    const { ctx } = customerContext();
    const el = mount(reportScreen(ctx).el);
    const options = Array.from(byTestId<HTMLSelectElement>(el, "complaint-type").options).map((o) => o.value);
    expect(options).toEqual(["", "Gas Leak", "Billing Issue", "Regulator Issue", "Other"]);
  });

  it("counts characters as they are typed and flags too many", () => {
    const { ctx } = customerContext();
    const el = mount(reportScreen(ctx).el);
    const area = byTestId<HTMLTextAreaElement>(el, "complaint-description");
    expect(byTestId(el, "complaint-count").textContent).toBe("0 / 1000");
    type(area, "Smell near the 🔥 stove");
    expect(byTestId(el, "complaint-count").textContent).toBe("22 / 1000");
    type(area, "x".repeat(1001));
    expect(byTestId(el, "complaint-count").classList.contains("counter--over")).toBe(true);
  });

  it("shows what is missing beside each field and sends nothing", () => {
    const fileComplaint = vi.fn();
    const { ctx } = customerContext({ fileComplaint });
    const el = mount(reportScreen(ctx).el);
    byTestId(el, "complaint-submit").click();
    expect(byTestId(el, "complaint-type-error").textContent).toMatch(/choose/);
    expect(byTestId(el, "complaint-description-error").textContent).toMatch(/describe/);
    expect(fileComplaint).not.toHaveBeenCalled();
  });

  it("files the complaint and keeps the safety panel for a gas leak", async () => {
    const fileComplaint = vi.fn((issue: IssueType, text: string) => Promise.resolve(filed(issue, text)));
    const { ctx } = customerContext({ fileComplaint });
    const el = mount(reportScreen(ctx).el);
    choose(byTestId(el, "complaint-type"), "Gas Leak");
    type(byTestId(el, "complaint-description"), "  Strong smell in the kitchen  ");
    byTestId(el, "complaint-submit").click();
    await settle();
    expect(fileComplaint).toHaveBeenCalledWith("Gas Leak", "Strong smell in the kitchen");
    expect(byTestId(el, "complaint-success").textContent).toMatch(/31/);
    expect(queryTestId(el, "gas-leak-panel")).not.toBeNull();
  });

  it("shows a refusal beside the field it names, in the catalog's words", async () => {
    const { ctx } = customerContext({
      fileComplaint: () => Promise.reject(new ApiError("Invalid", "The description cannot contain control characters.", "description")),
    });
    const el = mount(reportScreen(ctx).el);
    choose(byTestId(el, "complaint-type"), "Other");
    type(byTestId(el, "complaint-description"), "text");
    byTestId(el, "complaint-submit").click();
    await settle();
    // Beside the field it names, in the catalog's words for the code (never the backend's English).
    expect(byTestId(el, "complaint-description-error").textContent).toBe("Please check what you entered and try again.");
    expect(byTestId(el, "complaint-description-error").hidden).toBe(false);
  });

  it("shows the too-many-open-complaints refusal, with the limit, next to the form and keeps what was typed", async () => {
    const message = "You already have 3 open complaints. Please wait for the agency to answer them, or cancel one.";
    const { ctx } = customerContext({
      fileComplaint: () => Promise.reject(new ApiError("Conflict", message, undefined, { reason: "TooManyOpenComplaints", max_open: 3 })),
    });
    const el = mount(reportScreen(ctx).el);
    choose(byTestId(el, "complaint-type"), "Billing Issue");
    type(byTestId(el, "complaint-description"), "charged twice");
    byTestId(el, "complaint-submit").click();
    await settle();
    expect(byTestId(el, "complaint-error").textContent).toBe(message);
    expect(byTestId(el, "complaint-error").hidden).toBe(false);
    expect(byTestId(el, "complaint-form").contains(byTestId(el, "complaint-error"))).toBe(true);
    expect(byTestId<HTMLTextAreaElement>(el, "complaint-description").value).toBe("charged twice");
    expect(queryTestId(el, "complaint-success")).toBeNull();
  });
});

describe("report issue in Hindi", () => {
  it("says the open-complaint limit, with its number, in Hindi and never the backend's English", async () => {
    setLanguage("hi");
    try {
      const english = "You already have 5 open complaints. Please wait for the agency to answer them, or cancel one.";
      const { ctx } = customerContext({
        fileComplaint: () => Promise.reject(new ApiError("Conflict", english, undefined, { reason: "TooManyOpenComplaints", max_open: 5 })),
      });
      const el = mount(reportScreen(ctx).el);
      choose(byTestId(el, "complaint-type"), "Other");
      type(byTestId(el, "complaint-description"), "बिल गलत है");
      byTestId(el, "complaint-submit").click();
      await settle();
      const shown = byTestId(el, "complaint-error").textContent ?? "";
      expect(shown).toBe("आपकी 5 शिकायतें पहले से खुली हैं। कृपया एजेंसी के जवाब की प्रतीक्षा करें, या उनमें से एक रद्द करें।");
      expect(shown).not.toContain("open complaints");
    } finally {
      resetLanguage();
    }
  });
});

describe("checkComplaint (the report form's checks, in the chosen language)", () => {
  it("needs a type and a description of at most 1000 characters", () => {
    expect(checkComplaint("", "")).toEqual({
      issue_type: "Please choose what the problem is about.",
      description: "Please describe the problem in a few words.",
    });
    expect(checkComplaint("Gas Leak", "   \n ")).toHaveProperty("description");
    expect(checkComplaint("Other", "x".repeat(DESCRIPTION_MAX))).toEqual({});
    expect(checkComplaint("Other", "x".repeat(DESCRIPTION_MAX + 1))["description"]).toBe(
      "The description can have at most 1,000 characters (it has 1,001).",
    );
  });

  it("says it in Hindi when Hindi is chosen", () => {
    setLanguage("hi");
    try {
      expect(checkComplaint("", "")).toEqual({
        issue_type: "कृपया चुनें कि समस्या किस बारे में है।",
        description: "कृपया कुछ शब्दों में समस्या बताइए।",
      });
      expect(checkComplaint("Other", "x".repeat(DESCRIPTION_MAX + 1))["description"]).toBe("विवरण में अधिकतम 1,000 अक्षर हो सकते हैं (अभी 1,001 हैं)।");
    } finally {
      resetLanguage();
    }
  });

  it("counts surrounding spaces out, like the backend (which trims)", () => {
    expect(checkComplaint("Other", `  ${"x".repeat(DESCRIPTION_MAX)}  `)).toEqual({});
  });
});
