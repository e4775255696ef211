// The inbox's filters, on the client side with what the console already holds (my conversations and the head of the
// queue): mine or unassigned, channel, language, and the order (waiting longest first, or newest first).

import { h, fill } from '../dom.js';
import { t, tn } from '../i18n.js';
import { channelLabel, languageOf } from './labels.js';

export const filters = { show: 'all', channel: '', language: '', order: 'waiting' };
const CHANNELS = ['web', 'messenger', 'whatsapp'];
const LANGUAGES = ['fr', 'en'];
let changed = () => {};

export function initFilters(onChange) {
  changed = onChange;
  drawFilters();
}

function select(name, label, options) {
  const el = h('select', { name, dataset: { filter: name }, attrs: { 'aria-label': label, title: label },
    on: { change: () => { filters[name] = el.value; changed(); } } },
  options.map(([value, text]) => h('option', { value, text, selected: filters[name] === value })));
  return el;
}

/** Draws the controls (again after a language change). */
export function drawFilters() {
  const form = document.getElementById('inbox-filters');
  if (!form) return;
  form.onsubmit = event => event.preventDefault();
  fill(form,
    select('show', t('filters.show'), [['all', t('filters.all')], ['mine', t('filters.mine')], ['unassigned', t('filters.unassigned')]]),
    select('channel', t('filters.channel'), [['', t('filters.anyChannel')], ...CHANNELS.map(c => [c, channelLabel(c)])]),
    select('language', t('filters.language'), [['', t('filters.anyLanguage')], ...LANGUAGES.map(l => [l, l.toUpperCase()])]),
    select('order', t('filters.order'), [['waiting', t('filters.waitingLongest')], ['newest', t('filters.newest')]]),
    h('p', { id: 'filters-hidden', class: 'muted small', attrs: { 'aria-live': 'polite' } }));
}

/** Whether a summary passes the channel and language filters. */
export function passes(summary) {
  if (filters.channel && (summary.channel || 'web') !== filters.channel) return false;
  if (filters.language && languageOf(summary.visitor && summary.visitor.locale) !== filters.language) return false;
  return true;
}

/** The list in the chosen order: by `since`, the oldest first (waiting longest) or the newest first. */
export function ordered(list, since) {
  const sorted = list.slice().sort((a, b) => (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : 0));
  return filters.order === 'newest' ? sorted.reverse() : sorted;
}

export function sayHidden(count) {
  const el = document.getElementById('filters-hidden');
  if (el) el.textContent = count ? tn('filters.hidden', count) : '';
}
