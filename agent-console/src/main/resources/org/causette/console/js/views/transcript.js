// The middle pane's conversation: header with actions, the messages (text only, never HTML), typing indicator.

import { h, fill, show } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { state, selected, isAmbassador, isAdmin } from '../state.js';
import { visitorName, reasonLabel, channelLabel, stateLabel, roleLabel, summaryReason, skillLabel } from './labels.js';
import { answeredHere } from './lists.js';
import * as api from '../api.js';

/** Bot replies marked wrong here ("conversation#seq"), so the mark stays shown across redraws. */
const markedWrong = new Set();

let drawn = { id: null, firstSeq: null, lastSeq: 0 };
let actions = { earlier() {} };

export function initTranscript(handlers) {
  actions = handlers;
}

export function renderTranscript() {
  const conversation = selected();
  const log = document.getElementById('transcript');
  renderHeader(conversation);
  if (!conversation) {
    drawn = { id: null, firstSeq: null, lastSeq: 0 };
    fill(log, h('p', { class: 'placeholder', text: t('transcript.empty') }));
    renderTyping(null);
    return;
  }
  const list = conversation.messages;
  const firstSeq = list.length ? list[0].seq : null;
  const stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
  if (drawn.id !== conversation.id || drawn.firstSeq !== firstSeq) {
    const previousHeight = log.scrollHeight;
    const sameConversation = drawn.id === conversation.id;
    fill(log,
      conversation.hasEarlier && firstSeq !== null
        ? h('button', { type: 'button', class: 'earlier ghost small', text: t('transcript.earlier'), on: { click: () => actions.earlier(conversation) } })
        : null,
      ...list.map(messageNode),
      h('div', { id: 'pending' }),
      h('div', { id: 'rating-line' }));
    // Loading earlier messages keeps what you were reading in place; a newly opened conversation starts at the end.
    log.scrollTop = sameConversation ? log.scrollHeight - previousHeight : log.scrollHeight;
  } else {
    const pending = document.getElementById('pending');
    for (const m of list) {
      if (m.seq > drawn.lastSeq) pending.before(messageNode(m));
    }
  }
  renderPending(conversation);
  renderRating(conversation);
  drawn = { id: conversation.id, firstSeq, lastSeq: list.length ? list[list.length - 1].seq : 0 };
  if (stickToBottom || drawn.id !== conversation.id) log.scrollTop = log.scrollHeight;
  renderTyping(conversation);
}

/** The shopper's rating closes the transcript of a closed conversation (it comes after the close). */
function renderRating(conversation) {
  const line = document.getElementById('rating-line');
  if (!line) return;
  const rating = conversation.summary.state === 'closed'
    ? conversation.rating || (conversation.context && conversation.context.rating) : null;
  if (!rating) { fill(line); return; }
  const score = Math.max(0, Math.min(5, Number(rating.score) || 0));
  fill(line, h('div', { class: 'msg role-system rating', dataset: { causette: 'rating', score } },
    h('span', { text: t('rating.transcript') }),
    h('span', { class: 'stars', text: `${'★'.repeat(score)}${'☆'.repeat(5 - score)}`, attrs: { 'aria-label': `${score} / 5` } }),
    rating.comment ? h('span', { class: 'rating-comment', text: ` ${t('rating.comment', { text: rating.comment })}` }) : null));
}

function renderPending(conversation) {
  const pending = document.getElementById('pending');
  if (!pending) return;
  fill(pending, conversation.pending.map(p => messageNode({
    from: { role: state.me.role === 'ambassador' ? 'ambassador' : 'agent', name: state.me.name },
    text: p.text, internal: p.internal, pending: true, error: p.error,
  })));
}

export function messageNode(m) {
  const role = (m.from && m.from.role) || 'system';
  const mine = role !== 'visitor' && role !== 'bot' && role !== 'system' && m.from && m.from.name === state.me.name;
  const seen = !m.pending && role !== 'visitor' && role !== 'system' && !m.internal && selected()
    && selected().visitorReadSeq >= m.seq;
  return h('div', {
    class: `msg role-${role}${m.internal ? ' internal' : ''}${mine ? ' mine' : ''}${m.pending ? ' pending' : ''}${m.error ? ' failed' : ''}`,
    dataset: { causette: 'message', role, seq: m.seq, internal: m.internal ? 'true' : null },
  },
  role === 'system' ? null : h('div', { class: 'msg-meta' },
    h('span', { class: 'who', text: m.from && m.from.name ? m.from.name : roleLabel(role) }),
    m.internal ? h('span', { class: 'note-tag', text: t('transcript.internal') }) : null,
    m.ts ? h('time', { dateTime: m.ts, text: formatTime(m.ts) }) : null),
  h('div', { class: 'msg-text', text: m.text || '' }),
  quickReplies(m.quickReplies),
  cards(m.cards),
  role === 'bot' ? wrongButton(m) : null,
  m.pending ? h('div', { class: 'msg-status', text: m.error ? t('transcript.failed', { msg: m.error }) : t('transcript.sending') }) : null,
  seen ? h('div', { class: 'msg-status seen', text: `✓ ${t('transcript.seen')}` }) : null);
}

/**
 * Agents and admins mark a bot reply wrong: the question before it goes to the admin's list of things to teach.
 * Not for ambassadors (the bot's training is the team's), nor a reply without its number.
 */
function wrongButton(m) {
  const conversation = selected();
  if (isAmbassador() || !conversation || !m.seq || m.pending) return null;
  const key = `${conversation.id}#${m.seq}`;
  if (markedWrong.has(key)) return h('div', { class: 'msg-status marked', dataset: { markedWrong: '' }, text: `✓ ${t('transcript.markedWrong')}` });
  const id = conversation.id;
  return h('button', {
    type: 'button', class: 'ghost small mark-wrong', text: t('transcript.markWrong'), dataset: { markWrong: '' },
    attrs: { title: t('transcript.markWrongHint') },
    on: { click: async event => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        await api.markWrong(id, m.seq);
        markedWrong.add(key);
        button.replaceWith(h('div', { class: 'msg-status marked', dataset: { markedWrong: '' }, text: `✓ ${t('transcript.markedWrong')}` }));
      } catch (e) {
        button.disabled = false;
        button.title = t('transcript.markWrongFailed', { msg: e.message });
      }
    } },
  });
}

function quickReplies(list) {
  if (!list || !list.length) return null;
  return h('div', { class: 'chips' }, list.map(q => h('span', { class: 'chip', text: q.title })));
}

function cards(list) {
  if (!list || !list.length) return null;
  return h('div', { class: 'cards' }, list.map(c => h('div', { class: 'card' },
    h('strong', { text: c.title || c.sku || '' }),
    c.subtitle ? h('span', { class: 'muted', text: c.subtitle }) : null,
    c.price ? h('span', { class: 'price', text: c.price }) : null)));
}

function renderHeader(conversation) {
  const title = document.getElementById('conv-title');
  const meta = document.getElementById('conv-meta');
  const held = Boolean(conversation && conversation.held && conversation.summary.state === 'assigned');
  const open = Boolean(conversation && conversation.summary.state !== 'closed');
  show(document.getElementById('conv-header'), Boolean(conversation));
  show(document.getElementById('composer-form'), held || Boolean(conversation && open && isAdmin()));
  show(document.getElementById('read-only'), Boolean(conversation) && !held && !(open && isAdmin()));
  document.getElementById('composer-form').classList.toggle('notes-only', Boolean(conversation) && !held);
  show(document.getElementById('transfer-button'), (held || (isAdmin() && conversation && conversation.summary.state === 'assigned')));
  show(document.getElementById('handback-button'), (held || (isAdmin() && conversation && conversation.summary.state === 'assigned')));
  show(document.getElementById('close-button'), (held || (isAdmin() && open)));
  if (!conversation) return;
  const s = conversation.summary;
  title.textContent = visitorName(s);
  let reason = summaryReason(s);
  if (['no_answer', 'timeout'].includes(reason) && answeredHere(conversation)) reason = null;
  meta.textContent = [stateLabel(s.state), channelLabel(s.channel), reason ? reasonLabel(reason) : null, skillLabel(s.skill)]
    .filter(Boolean).join(' · ');
  if (isAmbassador()) document.getElementById('transfer-button').hidden = true;
}

export function renderTyping(conversation) {
  const el = document.getElementById('typing');
  const typing = conversation && conversation.typing;
  if (!typing) { fill(el); return; }
  fill(el, h('span', { text: t('transcript.typing', { name: typing.name || t('transcript.shopper') }) }),
    typing.preview && !isAmbassador()
      ? h('q', { class: 'typing-preview', dataset: { causette: 'typing-preview' }, text: typing.preview }) : null);
}

/** Re-renders everything, after a language change or a read receipt. */
export function redrawTranscript() {
  drawn = { id: null, firstSeq: null, lastSeq: 0 };
  renderTranscript();
}
