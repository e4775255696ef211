// Small DOM helpers. Data only ever goes in through textContent and attributes: never innerHTML.

/**
 * Creates an element. `props` may hold: class, text, attrs {name: value}, on {event: handler}, dataset {k: v},
 * and any plain property (type, value, disabled, hidden…). Children are nodes, strings (as text) or null.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'attrs') for (const [n, v] of Object.entries(value)) { if (v !== null && v !== undefined && v !== false) el.setAttribute(n, v === true ? '' : String(v)); }
    else if (key === 'dataset') for (const [n, v] of Object.entries(value)) { if (v !== null && v !== undefined) el.dataset[n] = String(v); }
    else if (key === 'on') for (const [n, fn] of Object.entries(value)) el.addEventListener(n, fn);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  // Views build children with nested map()s: flatten all the way, or an inner array would be printed as
  // "[object HTMLElement],…".
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

export function show(el, visible) {
  el.hidden = !visible;
}

/** A link only for http(s) addresses: anything else (javascript:, data:) is shown as plain text. */
export function safeLink(url, label) {
  let parsed = null;
  try { parsed = new URL(url, location.href); } catch { /* not a URL */ }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    return h('span', { text: label || url || '' });
  }
  return h('a', { href: parsed.href, text: label || url, attrs: { target: '_blank', rel: 'noopener noreferrer' } });
}

/** A random id for clientId: 1–64 of [A-Za-z0-9_-]. */
export function randomId(prefix = 'c') {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return prefix + '-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
