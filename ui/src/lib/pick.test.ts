// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { pick } from "./pick";
import { textInput } from "./ui";

interface Item {
  code: string;
}

function setUp(search: (query: string) => Promise<{ items: Item[]; more: boolean }>, extra: { searchEmpty?: boolean } = {}) {
  const input = textInput();
  const onPick = vi.fn();
  const onError = vi.fn();
  const p = pick<Item>({
    input,
    testid: "things",
    optionTestid: "thing",
    query: (typed) => typed.trim().toUpperCase(),
    search,
    key: (i) => i.code,
    label: (i) => [i.code],
    nothing: (q) => `Nothing starts with ${q}.`,
    moreText: "More match.",
    onPick,
    onError,
    keys: true,
    ...extra,
  });
  document.body.replaceChildren(input, p.el);
  return { input, p, onPick, onError };
}

describe("pick", () => {
  it("lists the matches as buttons, says when more match, and picks one", async () => {
    const search = vi.fn(() => Promise.resolve({ items: [{ code: "AB1" }, { code: "AB2" }], more: true }));
    const { input, p, onPick } = setUp(search);
    input.value = " ab ";
    await p.searchNow();
    expect(search).toHaveBeenCalledWith("AB");
    expect(Array.from(p.el.querySelectorAll("button")).map((b) => b.getAttribute("data-testid"))).toEqual(["thing-AB1", "thing-AB2"]);
    expect(p.el.textContent).toContain("More match.");
    p.el.querySelector<HTMLButtonElement>('[data-testid="thing-AB2"]')?.click();
    expect(onPick).toHaveBeenCalledWith({ code: "AB2" });
  });

  it("asks nothing for an empty box unless told to, and says when nothing matches", async () => {
    const search = vi.fn(() => Promise.resolve({ items: [] as Item[], more: false }));
    const quiet = setUp(search);
    await quiet.p.searchNow();
    expect(search).not.toHaveBeenCalled();
    const eager = setUp(search, { searchEmpty: true });
    eager.input.value = "zz";
    await eager.p.searchNow();
    expect(eager.p.el.textContent).toBe("Nothing starts with ZZ.");
  });

  it("shows only the newest search's answer", async () => {
    let answerFirst: (v: { items: Item[]; more: boolean }) => void = () => undefined;
    const search = vi
      .fn<(q: string) => Promise<{ items: Item[]; more: boolean }>>()
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
      .mockImplementationOnce(() => Promise.resolve({ items: [{ code: "NEW" }], more: false }));
    const { input, p } = setUp(search);
    input.value = "a";
    const first = p.searchNow();
    input.value = "n";
    await p.searchNow();
    answerFirst({ items: [{ code: "OLD" }], more: false });
    await first;
    expect(p.el.textContent).toBe("NEW");
  });

  it("waits for typing to pause, and Enter searches at once", async () => {
    vi.useFakeTimers();
    try {
      const search = vi.fn(() => Promise.resolve({ items: [{ code: "X1" }], more: false }));
      const { input } = setUp(search);
      input.value = "x";
      input.dispatchEvent(new Event("input"));
      input.dispatchEvent(new Event("input"));
      expect(search).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(search).toHaveBeenCalledTimes(1);
      const enter = new KeyboardEvent("keydown", { key: "Enter", cancelable: true });
      input.dispatchEvent(enter);
      expect(enter.defaultPrevented).toBe(true);
      expect(search).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("hands a failed search to onError", async () => {
    const { input, p, onError } = setUp(() => Promise.reject(new Error("down")));
    input.value = "a";
    await p.searchNow();
    expect(onError).toHaveBeenCalledOnce();
  });
});
