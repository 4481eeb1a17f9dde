// The one way screens build DOM: elements and text nodes, never HTML strings, so any text
// (a customer's name, a complaint) is shown as text and can never become markup or script.

type Child = Node | string;

interface Props {
  class?: string;
  id?: string;
  attrs?: Record<string, string>;
}

/** Creates an element with optional class/id/attributes and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  if (props.id !== undefined) node.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
