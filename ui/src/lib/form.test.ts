// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/error";
import { clearErrors, field, messageLine, notice, radioGroup, showError } from "./form";
import { textInput } from "./ui";

describe("field", () => {
  it("ties the error line to the control only while it shows, and unlinks it when cleared", () => {
    const f = field("Username", textInput(), { testid: "name", hint: "3 to 32 characters." });
    const hintId = `${f.control.id}-hint`;
    const errorId = `${f.control.id}-error`;
    expect(f.control.getAttribute("aria-describedby")).toBe(hintId);
    f.setError("Please enter a username.");
    expect(f.control.getAttribute("aria-describedby")).toBe(`${hintId} ${errorId}`);
    expect(f.control.getAttribute("aria-invalid")).toBe("true");
    expect(f.el.classList.contains("field--invalid")).toBe(true);
    const error = f.el.querySelector(`[data-testid="name-error"]`);
    expect(error?.textContent).toBe("Please enter a username.");
    f.setError(null);
    expect(f.control.getAttribute("aria-describedby")).toBe(hintId);
    expect(f.control.hasAttribute("aria-invalid")).toBe(false);
    expect(f.el.classList.contains("field--invalid")).toBe(false);
    expect((error as HTMLElement).hidden).toBe(true);
  });

  it("removes aria-describedby altogether when there is no hint", () => {
    const f = field("Reason", textInput({ testid: "reason" }));
    expect(f.control.hasAttribute("aria-describedby")).toBe(false);
    f.setError("Please enter the reason.");
    expect(f.control.getAttribute("aria-describedby")).toBe(`${f.control.id}-error`);
    f.setError(null);
    expect(f.control.hasAttribute("aria-describedby")).toBe(false);
  });

  it("keeps an id and testid the control already has", () => {
    const input = textInput({ testid: "assign-cylinder" });
    input.id = "cyl";
    const f = field("Cylinder ID", input, { class: "admin-field--wide" });
    expect(f.control.id).toBe("cyl");
    expect(f.el.className).toBe("field admin-field--wide");
    expect(f.el.querySelector("label")?.getAttribute("for")).toBe("cyl");
    expect(f.el.querySelector('[data-testid="assign-cylinder-error"]')).not.toBeNull();
  });
});

describe("showError", () => {
  it("puts a field's error beside it, focuses it and clears the form line", () => {
    document.body.replaceChildren();
    const username = field("Username", textInput({ testid: "u" }));
    document.body.append(username.el);
    const line = messageLine("form-error");
    line.show("old");
    const error = showError(new ApiError("Invalid", "That username is taken.", "username"), line, { username });
    expect(error.code).toBe("Invalid");
    expect(username.el.querySelector('[data-testid="u-error"]')?.textContent).toBe("That username is taken.");
    expect(document.activeElement).toBe(username.control);
    expect(line.el.hidden).toBe(true);
  });

  it("shows other errors in the form's line, or in an admin notice", () => {
    const line = messageLine("form-error");
    showError(new ApiError("Conflict", "Already cancelled."), line, {});
    expect(line.el.textContent).toBe("Already cancelled.");
    const n = notice("n");
    const e = showError({ code: "NotFound", message: "No such booking." }, n);
    expect(e).toBeInstanceOf(ApiError);
    expect(n.el.textContent).toBe("No such booking.");
    expect(n.el.className).toBe("admin-notice admin-notice--error");
  });

  it("can name a radio group", () => {
    const pay = radioGroup("Payment", "pay", [
      { value: "Cash", label: "Cash", testid: "pay-cash" },
      { value: "Free", label: "Free", testid: "pay-free" },
    ]);
    showError(new ApiError("Invalid", "Choose one.", "payment"), notice("n"), { payment: pay });
    expect(pay.el.querySelector('[data-testid="pay-error"]')?.textContent).toBe("Choose one.");
    clearErrors({ payment: pay });
    expect((pay.el.querySelector('[data-testid="pay-error"]') as HTMLElement).hidden).toBe(true);
  });
});
