// Past conversations: a list by state, and a search. The server searches the whole history when it supports
// `?q=` (it then echoes "query"); otherwise the console filters the latest conversations it loaded, and says so.

import { h, fill } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import * as api from '../api.js';
import { visitorName, channelLabel, stateLabel, reasonLabel, summaryReason } from './labels.js';

const PAGE = 50;
const LOCAL_SCAN = 200;
let actions = { open() {} };
let results = [];
let lastQuery = { q: '', state: 'closed' };
let built = false;

export function initHistory(handlers) {
  actions = handlers;
}

export function showHistory() {
  const root = document.getElementById('history');
  if (!built) build(root);
  if (!results.length) search();
  document.getElementById('history-q').focus();
}

function build(root) {
  built = true;
  const q = h('input', { id: 'history-q', type: 'search', attrs: { 'data-i18n-placeholder': 'history.searchPlaceholder' }, placeholder: t('history.searchPlaceholder') });
  const state = h('select', { id: 'history-state' },
    ['closed', 'assigned', 'queued', 'bot', ''].map(v => h('option', { value: v, text: v ? stateLabel(v) : t('history.all') })));
  const form = h('form', { class: 'history-form', attrs: { role: 'search' }, on: { submit: event => { event.preventDefault(); search(); } } },
    h('h1', { text: t('history.heading'), attrs: { 'data-i18n': 'history.heading' } }),
    h('label', { class: 'field grow' }, h('span', { text: t('history.search'), attrs: { 'data-i18n': 'history.search' } }), q),
    h('label', { class: 'field' }, h('span', { text: t('history.state'), attrs: { 'data-i18n': 'history.state' } }), state),
    h('button', { type: 'submit', class: 'primary', text: t('history.search'), attrs: { 'data-i18n': 'history.search' } }));
  fill(root, form, h('p', { id: 'history-note', class: 'muted small', hidden: true }),
    h('ul', { id: 'history-results', class: 'history-results' }),
    h('button', { id: 'history-more', type: 'button', class: 'ghost', hidden: true, text: t('history.more'), on: { click: () => search(true) } }));
}

async function search(more = false) {
  const q = document.getElementById('history-q').value.trim();
  const state = document.getElementById('history-state').value;
  lastQuery = { q, state };
  const before = more && results.length ? results[results.length - 1].since : undefined;
  let data;
  try {
    data = await api.conversations({ state: state || undefined, limit: q ? LOCAL_SCAN : PAGE, before, q: q || undefined });
  } catch (e) {
    fill(document.getElementById('history-results'), h('li', { class: 'empty', text: t('error.generic', { msg: e.message }) }));
    return;
  }
  let found = data.conversations || [];
  const serverSearched = !q || data.query !== undefined || await serverSearches();
  if (!serverSearched) found = found.filter(s => matches(s, q));
  const note = document.getElementById('history-note');
  note.hidden = serverSearched;
  note.textContent = t('history.localFilter');
  results = more ? results.concat(found) : found;
  draw();
  document.getElementById('history-more').hidden = !(serverSearched && (data.conversations || []).length >= (q ? LOCAL_SCAN : PAGE));
}

let searchSupport = null;

/** Servers with the console API (GET /api/sites answers) search the whole history with ?q=. */
async function serverSearches() {
  if (searchSupport === null) {
    try { await api.sites(); searchSupport = true; } catch { searchSupport = false; }
  }
  return searchSupport;
}

function matches(summary, q) {
  const needle = q.toLowerCase();
  const v = summary.visitor || {};
  return [summary.conversationId, v.id, v.name, summary.lastMessage, summary.reason, summary.skill]
    .some(value => value && String(value).toLowerCase().includes(needle));
}

function draw() {
  const list = document.getElementById('history-results');
  fill(list, results.length ? results.map(s => h('li', { class: 'history-item' },
    h('button', { type: 'button', class: 'history-open', dataset: { conversationId: s.conversationId }, on: { click: () => actions.open(s.conversationId) } },
      h('span', { class: 'conv-name', text: visitorName(s) }),
      h('span', { class: 'badge', dataset: { state: s.state }, text: stateLabel(s.state) }),
      h('span', { class: 'badge', text: channelLabel(s.channel) }),
      summaryReason(s) ? h('span', { class: 'badge reason', text: reasonLabel(summaryReason(s)) }) : null,
      h('span', { class: 'conv-preview', text: s.lastMessage || '' }),
      h('time', { class: 'muted small', dateTime: s.since, text: formatTime(s.since) }))))
    : h('li', { class: 'empty', text: t('history.none') }));
}

export function resetHistory() {
  results = [];
  built = false;
  lastQuery = { q: '', state: 'closed' };
}
