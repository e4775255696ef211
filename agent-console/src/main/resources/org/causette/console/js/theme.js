// Light or dark: the system's preference (prefers-color-scheme) until the staff member picks one with the header's
// toggle; the pick is remembered in localStorage. Applied on import, before the first paint of the console.

const KEY = 'causette.console.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = [];

function saved() {
  const value = localStorage.getItem(KEY);
  return value === 'dark' || value === 'light' ? value : null;
}

export function theme() {
  return saved() || (media.matches ? 'dark' : 'light');
}

function apply() {
  const current = theme();
  document.documentElement.dataset.theme = current;
  const toggle = document.getElementById('theme-toggle');
  if (toggle) toggle.setAttribute('aria-pressed', String(current === 'dark'));
  listeners.forEach(fn => fn(current));
}

/** Charts and anything drawn on a canvas redraw with the theme's colours. */
export function onThemeChange(fn) {
  listeners.push(fn);
}

export function initTheme() {
  apply();
  media.addEventListener('change', apply);
  document.getElementById('theme-toggle').addEventListener('click', () => {
    const next = theme() === 'dark' ? 'light' : 'dark';
    // Picking what the system would choose anyway forgets the pick: the console follows the system again.
    if (next === (media.matches ? 'dark' : 'light')) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
    apply();
  });
}

apply();
