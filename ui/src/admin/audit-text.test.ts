import { describe, expect, it } from "vitest";
import { describeChange, prettyJson } from "./audit-text";

describe("audit snapshots as text", () => {
  it("lists only what changed between before and after", () => {
    const before = JSON.stringify({ cylinder_code: "ABC123", status: "Filled", assigned_to: null });
    const after = JSON.stringify({ cylinder_code: "ABC123", status: "Assigned", assigned_to: 12 });
    expect(describeChange(before, after)).toEqual(["status: Filled → Assigned", "assigned_to: none → 12"]);
    expect(describeChange(before, before)).toEqual(["no change"]);
  });

  it("lists what a creation set and what a removal cleared", () => {
    expect(describeChange(null, JSON.stringify({ status: "Filled", note: "" }))).toEqual(["+ status: Filled", "+ note: (empty)"]);
    expect(describeChange(JSON.stringify({ status: "Empty" }), null)).toEqual(["- status: Empty"]);
    expect(describeChange(null, null)).toEqual([]);
  });

  it("keeps hostile or odd text as text and shortens long values", () => {
    const after = JSON.stringify({ description: "<img src=x onerror=alert(1)>" });
    expect(describeChange(null, after)).toEqual(["+ description: <img src=x onerror=alert(1)>"]);
    expect(describeChange("not json", "[1,2]")).toEqual(["not json → [1,2]"]);
    const long = describeChange(null, JSON.stringify({ d: "x".repeat(500) }))[0] ?? "";
    expect(long.length).toBeLessThan(140);
    expect(long.endsWith("…")).toBe(true);
  });

  it("pretty-prints snapshots for the details view", () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson(null)).toBe("none");
    expect(prettyJson("{broken")).toBe("{broken");
  });
});
