// What every screen is, customer or staff: its element, and what to undo when it goes.
export interface Screen {
  el: HTMLElement;
  /** The window title's first part (customer screens; the admin area keeps its own title). */
  title?: string;
  /** The element to focus when the screen appears (default: its h1). */
  focus?: HTMLElement;
  /** Called when the screen is left (timers, listeners, charts). */
  dispose?(): void;
}
