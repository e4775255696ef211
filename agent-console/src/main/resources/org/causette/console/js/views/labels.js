// Human labels for what the server sends as codes.

import { t, tOrNull } from '../i18n.js';

export function visitorName(summary) {
  const v = summary && summary.visitor;
  if (!v) return t('transcript.shopper');
  if (v.name) return v.name;
  if (v.id && v.id.startsWith('shopper-')) return v.id;
  return v.id ? `${t('transcript.shopper')} ${v.id.slice(-6)}` : t('transcript.shopper');
}

export function reasonLabel(reason) {
  if (!reason) return '';
  return tOrNull(`reason.${reason}`) || reason.replace(/_/g, ' ');
}

export function channelLabel(channel) {
  return tOrNull(`channel.${channel}`) || channel || '';
}

export function stateLabel(value) {
  return tOrNull(`state.${value}`) || value || '';
}

export function roleLabel(role) {
  return tOrNull(`role.${role}`) || role || '';
}

/** The two-letter language of a locale ("fr-FR" → "fr"), or null. */
export function languageOf(locale) {
  return locale ? String(locale).slice(0, 2).toLowerCase() : null;
}
