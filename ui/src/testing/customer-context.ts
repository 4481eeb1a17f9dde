// A CustomerContext for screen tests: a fake backend and a navigator that records calls.
import { vi } from "vitest";
import type { Backend } from "../api/backend";
import { ALWAYS_ONLINE, type CustomerContext, type CustomerNav } from "../screens/customer/context";
import { fakeBackend, settings } from "./fake-backend";

export function customerContext(overrides: Partial<Backend> = {}, extra: Partial<CustomerContext> = {}) {
  const go = {
    home: vi.fn(),
    book: vi.fn(),
    pay: vi.fn(),
    receipt: vi.fn(),
    report: vi.fn(),
    complaints: vi.fn(),
    history: vi.fn(),
    logout: vi.fn(),
  } satisfies CustomerNav;
  const ctx: CustomerContext = { backend: fakeBackend(overrides), settings: settings(), kiosk: false, gateway: "mock-razorpay", link: ALWAYS_ONLINE, go, ...extra };
  return { ctx, go };
}

/** Puts a screen's element into the document (so focus and `isConnected` behave). */
export function mount(el: HTMLElement): HTMLElement {
  document.body.replaceChildren(el);
  return el;
}
