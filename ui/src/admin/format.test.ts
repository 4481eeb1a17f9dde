import { describe, expect, it } from "vitest";
import { describeChange, formatDateTime, formatDay, plural, prettyJson } from "./format";

describe("admin display helpers", () => {
  it("shows a missing time as a dash and keeps unparseable text", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("")).toBe("—");
    expect(formatDateTime("not a time")).toBe("not a time");
    expect(formatDateTime("2025-03-12T05:00:00.123456Z")).toMatch(/2025/);
  });

  it("labels the dashboard's UTC days without shifting them into another day", () => {
    expect(formatDay("2025-11-28")).toBe("28 Nov");
    expect(formatDay("2025-01-01")).toBe("1 Jan");
    expect(formatDay("garbage")).toBe("garbage");
  });

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

  it("says 1 cylinder, 2 cylinders", () => {
    expect(plural(1, "cylinder")).toBe("1 cylinder");
    expect(plural(1200, "cylinder")).toBe("1,200 cylinders");
  });
});
