// Human labels for what the server sends as codes.

import { t, tOrNull } from '../i18n.js';
import { intentName, hasName } from '../intents.js';

/** Why a conversation closed: the state says it already (« Fermée »), so no badge repeats it. */
const CLOSE_REASONS = new Set(['closed', 'done', 'close']);

export function visitorName(summary) {
  const v = summary && summary.visitor;
  if (!v) return t('transcript.shopper');
  if (v.name) return v.name;
  // Ambassadors get a pseudonym ("shopper-5b9e0ee8"): shown as words plus its tail, like anyone unnamed.
  if (v.id && v.id.startsWith('shopper-')) return `${t('transcript.shopper')} ${v.id.slice('shopper-'.length)}`;
  return v.id ? `${t('transcript.shopper')} ${v.id.slice(-6)}` : t('transcript.shopper');
}

/** A hand-over reason in words: the console's own, else the intent it was (policy intents hand over by id), else "other". */
export function reasonLabel(reason) {
  if (!reason) return '';
  const own = tOrNull(`reason.${reason}`);
  if (own) return own;
  if (hasName(reason)) return intentName(reason).toLocaleLowerCase();
  return t('reason.other');
}

/** The reason worth a badge on a summary: none for a closing reason, which the state already says. */
export function summaryReason(summary) {
  const reason = summary && summary.reason;
  if (!reason || CLOSE_REASONS.has(reason) || reason === summary.state) return null;
  return reason;
}

export function channelLabel(channel) {
  return channel ? (tOrNull(`channel.${channel}`) || channel.charAt(0).toUpperCase() + channel.slice(1)) : '';
}

export function stateLabel(value) {
  return value ? (tOrNull(`state.${value}`) || t('reason.unknown')) : '';
}

/** A skill is the shop's own word ("lampes"): written as a name. */
export function skillLabel(skill) {
  return skill ? skill.charAt(0).toLocaleUpperCase() + skill.slice(1) : '';
}

export function roleLabel(role) {
  return tOrNull(`role.${role}`) || role || '';
}

/** The two-letter language of a locale ("fr-FR" → "fr"), or null. */
export function languageOf(locale) {
  return locale ? String(locale).slice(0, 2).toLowerCase() : null;
}
