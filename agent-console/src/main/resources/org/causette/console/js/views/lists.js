// The left pane: my conversations and the queue (for ambassadors: conversations offered to the community).

import { h, fill } from '../dom.js';
import { t, tn, ago } from '../i18n.js';
import { state, mineSorted, queueSorted, isAmbassador } from '../state.js';
import { visitorName, reasonLabel, channelLabel, languageOf, summaryReason, skillLabel } from './labels.js';
import { initFilters, filters, passes, ordered, sayHidden } from './filters.js';

/** Reasons that say nobody answered the shopper: stale once someone here has. */
const UNANSWERED_REASONS = new Set(['no_answer', 'timeout']);

let actions = { select() {}, accept() {} };

export function initLists(handlers) {
  actions = handlers;
  initFilters(renderLists);
  // Waiting times move on their own.
  setInterval(renderLists, 30_000);
}

export function renderLists() {
  const allMine = mineSorted();
  const allQueue = queueSorted().filter(s => !state.mine.has(s.conversationId));
  const mine = ordered(allMine.filter(c => passes(c.summary)), c => c.summary.since || '');
  const queue = ordered(allQueue.filter(passes), s => s.since || '');
  document.getElementById('mine').closest('.list-section').hidden = filters.show === 'unassigned';
  document.getElementById('queue').closest('.list-section').hidden = filters.show === 'mine';
  const shown = (filters.show === 'unassigned' ? 0 : mine.length) + (filters.show === 'mine' ? 0 : queue.length);
  sayHidden(allMine.length + allQueue.length - shown);
  fill(document.getElementById('mine'), mine.length
    ? mine.map(c => mineItem(c))
    : h('li', { class: 'empty', text: t('lists.emptyMine') }));
  fill(document.getElementById('queue'), queue.length
    ? queue.map(s => queueItem(s))
    : h('li', { class: 'empty', text: t('lists.emptyQueue') }));
  document.getElementById('mine-count').textContent = mine.length ? String(mine.length) : '';
  const notListed = Math.max(0, (state.queueTotal || 0) - state.queue.length); // beyond the head the server sent
  document.getElementById('queue-count').textContent = queue.length + notListed ? String(queue.length + notListed) : '';
  document.getElementById('queue-title').textContent = t(isAmbassador() ? 'lists.offered' : 'lists.queue');
  const unread = mine.reduce((n, c) => n + (c.unread || 0), 0);
  document.title = (unread ? `(${unread}) ` : '') + t('app.title');
}

function badges(summary, extra = [], answered = false) {
  const lang = languageOf(summary.visitor && summary.visitor.locale);
  let reason = summaryReason(summary);
  if (answered && UNANSWERED_REASONS.has(reason)) reason = null;
  return h('span', { class: 'badges' },
    summary.channel && summary.channel !== 'web' ? h('span', { class: `badge channel-${summary.channel}`, text: channelLabel(summary.channel) }) : null,
    lang ? h('span', { class: 'badge lang', text: lang.toUpperCase() }) : null,
    reason ? h('span', { class: 'badge reason', dataset: { reason }, text: reasonLabel(reason) }) : null,
    summary.skill ? h('span', { class: 'badge skill', text: skillLabel(summary.skill) }) : null,
    ...extra);
}

function mineItem(conversation) {
  const s = conversation.summary;
  const isSelected = state.selectedId === conversation.id;
  const waiting = waitingForMe(conversation);
  return h('li', {
    class: `conv-item${isSelected ? ' selected' : ''}${conversation.unread ? ' has-unread' : ''}`,
    dataset: { causette: 'conversation', conversationId: conversation.id, state: s.state },
  }, h('button', {
    type: 'button', class: 'conv-open',
    attrs: { 'aria-current': isSelected ? 'true' : null },
    on: { click: () => actions.select(conversation.id) },
  },
  h('span', { class: 'conv-line' },
    h('span', { class: 'conv-name', text: visitorName(s) }),
    conversation.unread ? h('span', { class: 'unread', text: String(conversation.unread), attrs: { 'aria-label': tn('lists.unread', conversation.unread) } }) : null,
    waiting
      ? h('span', { class: 'conv-time late', text: ago(waiting), attrs: { title: t('lists.waiting', { t: ago(waiting) }), 'aria-label': t('lists.waiting', { t: ago(waiting) }) } })
      : h('span', { class: 'conv-time', text: ago(s.since) })),
  h('span', { class: 'conv-preview', text: lastText(conversation) }),
  badges(s, conversation.typing ? [h('span', { class: 'badge typing-badge', text: '…' })] : [], answeredHere(conversation))));
}

function queueItem(summary) {
  return h('li', { class: 'conv-item queued', dataset: { causette: 'conversation', conversationId: summary.conversationId, state: summary.state } },
    h('div', { class: 'conv-open static' },
      h('span', { class: 'conv-line' },
        h('span', { class: 'conv-name', text: visitorName(summary) }),
        h('span', { class: 'conv-time late', text: ago(summary.since), attrs: { title: t('lists.waiting', { t: ago(summary.since) }), 'aria-label': t('lists.waiting', { t: ago(summary.since) }) } })),
      h('span', { class: 'conv-preview', text: summary.lastMessage || '' }),
      badges(summary)),
    h('button', {
      type: 'button', class: 'accept primary small', text: t('accept'),
      dataset: { causette: 'accept', conversationId: summary.conversationId },
      attrs: { title: t('accept.hint') },
      on: { click: () => actions.accept(summary.conversationId) },
    }));
}

function lastText(conversation) {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    if (!conversation.messages[i].internal) return conversation.messages[i].text || '';
  }
  return conversation.summary.lastMessage || '';
}

/** Someone on the staff side wrote to the shopper since this conversation came to me. */
export function answeredHere(conversation) {
  const from = conversation.assignedAtSeq || 0;
  return conversation.messages.some(m => m.seq > from && !m.internal && m.from
    && (m.from.role === 'agent' || m.from.role === 'ambassador'));
}

/** When the shopper spoke last and nobody answered yet: since when they wait. */
function waitingForMe(conversation) {
  const list = conversation.messages;
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    if (m.internal || m.from.role === 'system' || m.from.role === 'bot') continue;
    return m.from.role === 'visitor' ? m.ts : null;
  }
  return null;
}
