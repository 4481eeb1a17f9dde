// A search-and-pick control: as a person types in a box, the matching records are listed as
// buttons under it (`.admin-picker`), and pressing one picks it. Only the answer to the newest
// search is shown (a fast typist's older answers are dropped), and typing waits 200 ms before
// asking the backend. Used by manual assignment to pick a customer and a cylinder.
import { h } from "./dom";
import { Latest } from "./paging";
import { debounce } from "./ui";

type Child = Node | string;

export interface PickOptions<T> {
  /** The box typed in; the list follows what it holds. */
  input: HTMLInputElement;
  /** data-testid of the list; each option is `<optionTestid>-<key>`. */
  testid: string;
  optionTestid: string;
  /** Extra class on the list and on each option, e.g. `admin-picker--inline`, `admin-code`. */
  listClass?: string;
  optionClass?: string;
  /** The text searched for, from what is typed (trimmed, upper-cased…); "" searches nothing unless `searchEmpty`. */
  query(typed: string): string;
  searchEmpty?: boolean;
  /** The matches; `more` true when more match than are listed. */
  search(query: string): Promise<{ items: T[]; more: boolean }>;
  key(item: T): string;
  label(item: T): Child[];
  /** What to say when nothing matches `query`. */
  nothing(query: string): string;
  /** What to say under a list that was cut short. */
  moreText?: string;
  onPick(item: T): void;
  onError(raw: unknown): void;
  /** Answers that arrive while this holds are dropped (e.g. a customer was chosen meanwhile). */
  ignore?(): boolean;
  /** Arrow down moves into the list, Enter searches at once (instead of submitting the form). */
  keys?: boolean;
}

export interface Pick {
  /** The `<ul>` of options, to place under the box. */
  readonly el: HTMLUListElement;
  /** Searches at once for what the box holds. */
  searchNow(): Promise<void>;
  clear(): void;
}

export function pick<T>(opts: PickOptions<T>): Pick {
  const list = h("ul", { class: opts.listClass === undefined ? "admin-picker" : `admin-picker ${opts.listClass}`, attrs: { "data-testid": opts.testid, role: "list" } });
  const latest = new Latest();

  const option = (item: T): HTMLLIElement => {
    const b = h(
      "button",
      { class: opts.optionClass === undefined ? "admin-picker__option" : `admin-picker__option ${opts.optionClass}`, attrs: { type: "button", "data-testid": `${opts.optionTestid}-${opts.key(item)}` } },
      ...opts.label(item),
    );
    b.addEventListener("click", () => opts.onPick(item));
    return h("li", {}, b);
  };

  async function searchNow(): Promise<void> {
    const ticket = latest.begin();
    const query = opts.query(opts.input.value);
    if (query === "" && opts.searchEmpty !== true) {
      list.replaceChildren();
      return;
    }
    try {
      const found = await opts.search(query);
      if (!latest.isCurrent(ticket) || opts.ignore?.() === true) return;
      list.replaceChildren(
        ...(found.items.length === 0 ? [h("li", { class: "admin-muted" }, opts.nothing(query))] : found.items.map(option)),
        ...(found.more && opts.moreText !== undefined ? [h("li", { class: "admin-muted admin-small" }, opts.moreText)] : []),
      );
    } catch (raw) {
      if (latest.isCurrent(ticket)) opts.onError(raw);
    }
  }

  opts.input.addEventListener("input", debounce(() => void searchNow(), 200));
  if (opts.keys === true) {
    opts.input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        list.querySelector<HTMLButtonElement>("button")?.focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        void searchNow();
      }
    });
  }

  return {
    el: list,
    searchNow,
    clear() {
      latest.begin();
      list.replaceChildren();
    },
  };
}
