import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/error";
import { fakeBackend } from "../testing/fake-backend";
import { guardBackend } from "./guard";

describe("guardBackend", () => {
  it("tells the shell about the watched code and still fails the call", async () => {
    const onFailure = vi.fn();
    const backend = guardBackend(
      fakeBackend({ customerHome: () => Promise.reject(new ApiError("NotLoggedIn", "Please log in first.")) }),
      ["NotLoggedIn"],
      onFailure,
    );
    await expect(backend.customerHome()).rejects.toMatchObject({ code: "NotLoggedIn" });
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it("passes other errors and results through untouched", async () => {
    const onFailure = vi.fn();
    const backend = guardBackend(
      fakeBackend({
        bookCylinder: () => Promise.reject(new ApiError("OutOfStock", "none left")),
        touch: () => Promise.resolve({ customer: null, staff: null }),
      }),
      ["NotLoggedIn"],
      onFailure,
    );
    await expect(backend.bookCylinder(1, "1000.00", "key-1")).rejects.toMatchObject({ code: "OutOfStock", message: "none left" });
    await expect(backend.touch()).resolves.toEqual({ customer: null, staff: null });
    expect(onFailure).not.toHaveBeenCalled();
  });

  it("passes the arguments on", async () => {
    const cancel = vi.fn((id: number) =>
      Promise.resolve({
        id: id,
        user_id: 1,
        username: "a", consumer_no: "7100000007",
        issue_type: "Other" as const,
        description: "d",
        status: "Cancelled" as const,
        resolution_note: "",
        created_at: "",
        updated_at: "",
      }),
    );
    const backend = guardBackend(fakeBackend({ cancelMyComplaint: cancel }), ["Forbidden"], () => undefined);
    await backend.cancelMyComplaint(12);
    expect(cancel).toHaveBeenCalledWith(12);
  });
});
