// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { badge, button, textInput, uid, withBusy } from "./ui";

describe("button", () => {
  it("builds a .btn of the given variant and hands the click the button itself", () => {
    const onClick = vi.fn();
    const b = button("Save", onClick, { variant: "primary", testid: "save" });
    expect(b.className).toBe("btn btn--primary");
    expect(b.type).toBe("button");
    expect(b.getAttribute("data-testid")).toBe("save");
    b.click();
    expect(onClick).toHaveBeenCalledWith(b, expect.any(Event));
    expect(button("Find", null, { type: "submit" }).type).toBe("submit");
  });
});

describe("textInput", () => {
  it("turns autocorrect off and takes a testid and more attributes", () => {
    const input = textInput({ testid: "ref", attrs: { placeholder: "BK-000123", maxlength: "20" } });
    expect(input.getAttribute("spellcheck")).toBe("false");
    expect(input.getAttribute("autocomplete")).toBe("off");
    expect(input.getAttribute("data-testid")).toBe("ref");
    expect(input.getAttribute("maxlength")).toBe("20");
  });
});

describe("uid", () => {
  it("never gives the same id twice", () => {
    expect(uid("f")).not.toBe(uid("f"));
  });
});

describe("badge", () => {
  it("names its class after the kind, in lower case with dashes", () => {
    expect(badge("Gas Leak").className).toBe("badge badge--gas-leak");
    const held = badge("holds a cylinder", { kind: "assigned", testid: "held" });
    expect(held.className).toBe("badge badge--assigned");
    expect(held.getAttribute("data-testid")).toBe("held");
    expect(held.textContent).toBe("holds a cylinder");
  });
});

describe("withBusy", () => {
  it("marks the button busy while the work runs, then restores it", async () => {
    const b = button("Save", null);
    let during: { disabled: boolean; busy: string | null; text: string | null } | null = null;
    await withBusy(b, "Saving…", () => {
      during = { disabled: b.disabled, busy: b.getAttribute("aria-busy"), text: b.textContent };
      return Promise.resolve();
    });
    expect(during).toEqual({ disabled: true, busy: "true", text: "Saving…" });
    expect(b.disabled).toBe(false);
    expect(b.hasAttribute("aria-busy")).toBe(false);
    expect(b.classList.contains("btn--busy")).toBe(false);
    expect(b.textContent).toBe("Save");
  });

  it("keeps the label when given none", async () => {
    const b = button("Refresh", null);
    await withBusy(b, null, () => {
      expect(b.textContent).toBe("Refresh");
      expect(b.disabled).toBe(true);
      return Promise.resolve();
    });
  });

  it("leaves a button that was disabled before disabled, even when the work fails", async () => {
    const b = button("Save", null);
    b.disabled = true;
    await expect(withBusy(b, null, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(b.disabled).toBe(true);
    expect(b.hasAttribute("aria-busy")).toBe(false);
    const enabled = button("Save", null);
    await expect(withBusy(enabled, "Saving…", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(enabled.disabled).toBe(false);
    expect(enabled.textContent).toBe("Save");
  });
});
