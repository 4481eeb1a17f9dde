// An office link for screen tests: online or not, as the test sets it.
import type { OfficeLink } from "../screens/customer/context";

export function fakeLink(online = true): { link: OfficeLink; set(online: boolean): void } {
  let state = online;
  const listeners = new Set<(online: boolean) => void>();
  return {
    link: {
      get online() {
        return state;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    set(next) {
      state = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}
