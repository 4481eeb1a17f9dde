// The audit log's before/after snapshots as plain text: what changed, what a creation set,
// what a removal cleared. Pure functions (no DOM), unit-tested in audit-text.test.ts.
import { formatDateTime } from "../lib/time";

const VALUE_MAX = 120;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One value of an audit snapshot as short text. */
function valueText(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = "none";
  else if (typeof value === "string") text = value === "" ? "(empty)" : TIMESTAMP.test(value) ? formatDateTime(value) : value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else text = JSON.stringify(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

function parseObject(json: string | null): Record<string, unknown> | null | "unparsed" {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return "unparsed";
  } catch {
    return "unparsed";
  }
}

/**
 * An audit entry's before → after as lines of plain text:
 * a change lists only what differs (`status: Filled → Assigned`), a creation what was set
 * (`+ status: Filled`), a removal what was there (`- status: Filled`).
 */
export function describeChange(before: string | null, after: string | null): string[] {
  const b = parseObject(before);
  const a = parseObject(after);
  if (b === "unparsed" || a === "unparsed") {
    return [`${before ?? "none"} → ${after ?? "none"}`];
  }
  if (b === null && a === null) return [];
  if (b === null && a !== null) {
    return Object.entries(a).map(([key, value]) => `+ ${key}: ${valueText(value)}`);
  }
  if (a === null && b !== null) {
    return Object.entries(b).map(([key, value]) => `- ${key}: ${valueText(value)}`);
  }
  const was = b ?? {};
  const now = a ?? {};
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  const lines = keys
    .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key}: ${valueText(was[key])} → ${valueText(now[key])}`);
  return lines.length === 0 ? ["no change"] : lines;
}

/** Pretty JSON of a snapshot for the details view; unparseable text as is. */
export function prettyJson(json: string | null): string {
  if (json === null) return "none";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
