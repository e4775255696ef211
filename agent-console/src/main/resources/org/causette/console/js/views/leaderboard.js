// Ambassadors and admins: who helped fellow shoppers best, by points from good ratings (GET /leaderboard). An
// ambassador's own row is highlighted and their rank said in words. Staff names only: no shopper appears here.

import { h, fill } from '../dom.js';
import { t, tn, formatNumber, isoDay } from '../i18n.js';
import * as api from '../api.js';
import { field } from './dialog.js';

let last = null;

export function showLeaderboard() {
  const root = document.getElementById('leaderboard');
  if (!root.dataset.built) build(root);
  load();
}

/** After a language change: the form and the last answer again, in the new language. */
export function redrawLeaderboard() {
  const root = document.getElementById('leaderboard');
  if (!root || !root.dataset.built) return;
  delete root.dataset.built;
  build(root);
  if (last) draw(last);
}

function build(root) {
  root.dataset.built = 'true';
  const today = new Date();
  const from = h('input', { id: 'board-from', type: 'date', value: isoDay(new Date(today.getTime() - 29 * 86400000)) });
  const to = h('input', { id: 'board-to', type: 'date', value: isoDay(today) });
  fill(root,
    h('form', { class: 'report-form', on: { submit: event => { event.preventDefault(); load(); } } },
      h('h1', { text: t('board.heading') }),
      field(t('report.from'), from),
      field(t('report.to'), to),
      h('button', { type: 'submit', class: 'primary', text: t('report.refresh') })),
    h('p', { id: 'board-error', class: 'form-error', attrs: { role: 'alert' } }),
    h('div', { id: 'board-body' }));
}

async function load() {
  const error = document.getElementById('board-error');
  error.textContent = '';
  try {
    last = await api.leaderboard(document.getElementById('board-from').value, document.getElementById('board-to').value);
  } catch (e) {
    error.textContent = t('board.failed', { msg: e.message });
    return;
  }
  draw(last);
}

function draw(board) {
  const rules = board.rules || {};
  const rows = board.ambassadors || [];
  const me = board.me;
  fill(document.getElementById('board-body'),
    me ? h('p', { class: 'board-me', dataset: { me: '' }, text: tn('board.me', me.points, { rank: me.rank }) }) : null,
    rows.length ? h('table', { class: 'table board' },
      h('thead', {}, h('tr', {}, ['board.rank', 'board.name', 'board.points', 'board.helped', 'board.stars5', 'board.stars4', 'board.promoters']
        .map(key => h('th', { text: t(key), attrs: { scope: 'col' } })))),
      h('tbody', {}, rows.map(row => h('tr', { class: me && me.staffId === row.staffId ? 'mine' : null, dataset: { staffId: row.staffId } },
        h('td', { text: `#${row.rank}` }),
        h('th', { attrs: { scope: 'row' }, text: me && me.staffId === row.staffId ? `${row.name} (${t('board.you')})` : row.name }),
        h('td', { class: 'points', text: formatNumber(row.points) }),
        h('td', { text: formatNumber(row.helped) }),
        h('td', { text: formatNumber(row.csat5) }),
        h('td', { text: formatNumber(row.csat4) }),
        h('td', { text: formatNumber(row.promoters) })))))
      : h('p', { class: 'muted', text: t('board.none') }),
    h('p', { class: 'muted small', text: t('board.rules', { c5: rules.csat5 ?? 10, c4: rules.csat4 ?? 5, p: rules.npsPromoter ?? 5 }) }));
}
