// What the console knows: who is signed in, their conversations with messages, the queue, what is selected.
// Frames from the socket update it; views subscribe to the topics they draw.

const listeners = new Map(); // topic → [fn]

export const state = {
  me: null,              // {id, name, role, site}
  presence: 'online',
  connection: 'connecting',
  mine: new Map(),       // conversationId → Conversation (held by me)
  queue: [],             // summaries waiting (for ambassadors: those offered to the community), the longest waiting
  queueTotal: 0,         // how many wait in all: the server sends only the head of a long queue
  selectedId: null,
  viewing: null,         // a conversation opened read-only from history (REST), or null
  view: 'work',          // work | history | report
};

export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, []);
  listeners.get(topic).push(fn);
}

const dirty = new Set();
let scheduled = false;

/** Redraws the topics once per frame, however many changes came in. */
export function emit(...topics) {
  topics.forEach(topic => dirty.add(topic));
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    const now = Array.from(dirty);
    dirty.clear();
    for (const topic of now) (listeners.get(topic) || []).forEach(fn => fn());
  });
}

export const isAmbassador = () => state.me && state.me.role === 'ambassador';
export const isAdmin = () => state.me && state.me.role === 'admin';

/** A conversation as the console keeps it. */
export function conversationFrom(summary, messages = [], held = true) {
  const conversation = {
    id: summary.conversationId,
    summary,
    held,
    messages: [],          // sorted by seq
    pending: [],           // my messages not acknowledged yet: {clientId, text, internal, error?}
    unread: summary.unread || 0,
    typing: null,          // {name, role} while the shopper types
    visitorReadSeq: 0,
    hasEarlier: true,
    context: null,
  };
  addMessages(conversation, messages);
  conversation.hasEarlier = conversation.messages.length > 0 && conversation.messages[0].seq > 1;
  return conversation;
}

export function addMessages(conversation, messages) {
  const bySeq = new Map(conversation.messages.map(m => [m.seq, m]));
  for (const m of messages) bySeq.set(m.seq, m);
  conversation.messages = Array.from(bySeq.values()).sort((a, b) => a.seq - b.seq);
}

export function lastSeq(conversation) {
  const list = conversation.messages;
  return list.length ? list[list.length - 1].seq : 0;
}

export function selected() {
  if (state.viewing && state.viewing.id === state.selectedId) return state.viewing;
  return state.mine.get(state.selectedId) || null;
}

/** My conversations, the longest-waiting first (what needs an answer comes first). */
export function mineSorted() {
  return Array.from(state.mine.values()).sort((a, b) => {
    const sa = a.summary.since || '', sb = b.summary.since || '';
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}

export function queueSorted() {
  return state.queue.slice().sort((a, b) => ((a.since || '') < (b.since || '') ? -1 : 1));
}

/** The last thing the shopper asked, for the bot's suggestion. */
export function lastVisitorText(conversation) {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const m = conversation.messages[i];
    if (m.from && m.from.role === 'visitor') return m.text;
    if (m.from && (m.from.role === 'agent' || m.from.role === 'ambassador') && !m.internal) return null;
  }
  return null;
}
