// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { CylinderType } from "../../gen/CylinderType";
import type { CylinderTypeInput } from "../../gen/CylinderTypeInput";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { choose, cylinderType, screenContext, show, type } from "../test-support";
import { cylinderTypesScreen, readTypeForm } from "./cylinder-types";

const TYPES: CylinderType[] = [
  cylinderType(1, "14.2 kg domestic"),
  cylinderType(2, "5 kg domestic", { price: "350.00" }),
  cylinderType(3, "19 kg commercial", { category: "Commercial", price: "1750.00", gst_rate_bp: 1800, active: false }),
];

const typed = { name: " 47.5 kg commercial ", category: "Commercial", price: "₹4,100", gst_rate_bp: "18", hsn: " 2711 " };

describe("cylinder types", () => {
  it("sends the GST rate as basis points: 5 → 500, 18 → 1800, 12.5 → 1250", () => {
    expect(readTypeForm(typed, true)).toEqual({
      input: { name: "47.5 kg commercial", category: "Commercial", price: "4100.00", gst_rate_bp: 1800, hsn: "2711", active: true },
    });
    for (const [rate, bp] of [["5", 500], ["18", 1800], ["12.5", 1250]] as const) {
      const read = readTypeForm({ ...typed, gst_rate_bp: rate }, true);
      expect("input" in read && read.input.gst_rate_bp, rate).toBe(bp);
    }
  });

  it("names every bad field at once, with the backend's bounds", () => {
    const read = readTypeForm({ name: "", category: "Commercial", price: "100000", gst_rate_bp: "30", hsn: "27" }, true);
    expect("problems" in read && read.problems).toEqual({
      name: "Please enter the type name.",
      price: "The price must be between ₹1.00 and ₹99,999.99.",
      gst_rate_bp: "The GST rate must be between 0 % and 28 %.",
      hsn: "The HSN code is 4 to 8 digits (2711 for LPG).",
    });
    expect(readTypeForm({ ...typed, price: "0.99" }, true)).toHaveProperty("problems.price");
    expect(readTypeForm({ ...typed, price: "99999.99" }, true)).toHaveProperty("input.price", "99999.99");
  });

  it("lists every type with its price, GST rate in per cent and whether it is sold", async () => {
    const { ctx, host } = screenContext({ cylinderTypes: () => Promise.resolve(TYPES) });
    show(host, cylinderTypesScreen(ctx).el);
    await settle();
    expect(byTestId(host, "type-price-3").textContent).toBe("₹1,750.00");
    expect(byTestId(host, "type-gst-3").textContent).toBe("18 %");
    expect(byTestId(host, "type-gst-1").textContent).toBe("5 %");
    expect(byTestId(host, "type-row-3").textContent).toContain("Inactive");
    expect(byTestId(host, "type-row-1").textContent).toContain("Active");
  });

  it("adds a type in a dialog: HSN 2711 and the category's usual rate filled in, sent in basis points", async () => {
    const saveCylinderType = vi.fn((_id: number | null, input: CylinderTypeInput) => Promise.resolve({ id: 4, ...input }));
    const { ctx, host, changed } = screenContext({ cylinderTypes: () => Promise.resolve(TYPES), saveCylinderType });
    show(host, cylinderTypesScreen(ctx).el);
    await settle();
    byTestId(host, "types-add").click();
    expect(byTestId<HTMLInputElement>(host, "type-hsn").value).toBe("2711");
    expect(byTestId<HTMLInputElement>(host, "type-gst").value).toBe("5");
    expect(byTestId<HTMLInputElement>(host, "type-active").checked).toBe(true);
    choose(byTestId<HTMLSelectElement>(host, "type-category"), "Commercial");
    expect(byTestId<HTMLInputElement>(host, "type-gst").value).toBe("18");
    type(byTestId<HTMLInputElement>(host, "type-name"), "47.5 kg commercial");
    type(byTestId<HTMLInputElement>(host, "type-price"), "4,100.5");
    type(byTestId<HTMLInputElement>(host, "type-gst"), "12.5");
    byTestId(host, "type-dialog-confirm").click();
    await settle();
    expect(saveCylinderType).toHaveBeenCalledWith(null, {
      name: "47.5 kg commercial",
      category: "Commercial",
      price: "4100.50",
      gst_rate_bp: 1250,
      hsn: "2711",
      active: true,
    });
    expect(queryTestId(host, "type-dialog")).toBeNull();
    expect(byTestId(host, "types-notice").textContent).toBe("Added 47.5 kg commercial: ₹4,100.50 with 12.5 % GST.");
    expect(changed).toHaveBeenCalled();
  });

  it("edits a type with its rate shown in per cent, and shows the backend's refusal beside the field", async () => {
    const saveCylinderType = vi
      .fn((_id: number | null, input: CylinderTypeInput) => Promise.resolve({ id: 3, ...input }))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "Another cylinder type has that name.", "name")));
    const { ctx, host } = screenContext({ cylinderTypes: () => Promise.resolve(TYPES), saveCylinderType });
    show(host, cylinderTypesScreen(ctx).el);
    await settle();
    byTestId(host, "type-edit-3").click();
    expect(byTestId<HTMLInputElement>(host, "type-gst").value).toBe("18");
    expect(byTestId<HTMLInputElement>(host, "type-price").value).toBe("1750.00");
    expect(byTestId<HTMLInputElement>(host, "type-active").checked).toBe(false);
    type(byTestId<HTMLInputElement>(host, "type-name"), "14.2 kg domestic");
    byTestId(host, "type-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "type-name-error").textContent).toBe("Another cylinder type has that name.");
    type(byTestId<HTMLInputElement>(host, "type-name"), "19 kg commercial");
    byTestId<HTMLInputElement>(host, "type-active").click();
    byTestId(host, "type-dialog-confirm").click();
    await settle();
    expect(saveCylinderType).toHaveBeenLastCalledWith(3, {
      name: "19 kg commercial",
      category: "Commercial",
      price: "1750.00",
      gst_rate_bp: 1800,
      hsn: "2711",
      active: true,
    });
  });
});
