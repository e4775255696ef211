// An ambassador's own corner: how many shoppers they helped and their ratings. From GET /api/me/stats when the
// server has it; otherwise from the conversations handed to them (the latest 200) and the ratings on those.

import { h, fill } from '../dom.js';
import { t, tn, formatNumber } from '../i18n.js';
import * as api from '../api.js';

const RATED_SAMPLE = 20;

export async function renderAmbassadorStats() {
  const box = document.getElementById('amb-stats');
  box.hidden = false;
  let stats = null;
  try {
    stats = await api.myStats();
  } catch (e) {
    if (!e.missing) { box.hidden = true; return; }
    stats = await fromConversations();
  }
  if (!stats) { box.hidden = true; return; }
  fill(box,
    h('h2', { text: t('amb.heading') }),
    h('div', { class: 'amb-tiles' },
      h('div', { class: 'amb-tile' }, h('strong', { text: formatNumber(stats.helped) + (stats.atLeast ? '+' : '') }), h('span', { text: t('amb.helped') })),
      h('div', { class: 'amb-tile' },
        h('strong', { text: stats.ratingCount ? `${formatNumber(stats.ratingAverage, { maximumFractionDigits: 1 })} ★` : '—' }),
        h('span', { text: stats.ratingCount ? tn('amb.ratings', stats.ratingCount) : t('amb.none') }))));
}

async function fromConversations() {
  try {
    const closed = (await api.conversations({ state: 'closed', limit: 200 })).conversations || [];
    const details = await Promise.all(closed.slice(0, RATED_SAMPLE).map(s => api.conversation(s.conversationId).catch(() => null)));
    const scores = details.filter(d => d && d.rating).map(d => d.rating.score);
    return {
      helped: closed.length,
      atLeast: closed.length >= 200,
      ratingCount: scores.length,
      ratingAverage: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    };
  } catch {
    return null;
  }
}
