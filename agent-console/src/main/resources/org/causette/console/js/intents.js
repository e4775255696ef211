// Intent names staff read instead of ids. Built-in intents (docs/site-files.md) are named here, in both languages; the
// shop's own intents take the optional `title` of faq.json, served by GET /api/sites/{site}/intents; an intent
// with neither is shown by its id (an admin's word, but the only one there is).

import { lang } from './i18n.js';
import * as api from './api.js';

// One table, both languages: what a person calls what the shopper wanted.
const BUILT_IN = {
  greeting: { fr: 'Salutation', en: 'Greeting' },
  goodbye: { fr: 'Au revoir', en: 'Goodbye' },
  thanks: { fr: 'Remerciement', en: 'Thanks' },
  human_request: { fr: 'Parler à un conseiller', en: 'Talk to a person' },
  product_price: { fr: 'Prix d’un produit', en: 'Product price' },
  product_stock: { fr: 'Disponibilité d’un produit', en: 'Product availability' },
  product_variants: { fr: 'Couleurs et tailles', en: 'Colours and sizes' },
  product_info: { fr: 'Détails d’un produit', en: 'Product details' },
  product_recommendation: { fr: 'Recommandation de produit', en: 'Product recommendation' },
  product_compare: { fr: 'Comparer des produits', en: 'Compare products' },
  shipping: { fr: 'Livraison', en: 'Delivery' },
  returns: { fr: 'Retours', en: 'Returns' },
  payment: { fr: 'Paiement', en: 'Payment' },
  promotions: { fr: 'Promotions', en: 'Promotions' },
  order_status: { fr: 'Suivi de commande', en: 'Order status' },
  complaint: { fr: 'Réclamation', en: 'Complaint' },
  out_of_scope: { fr: 'Hors sujet (non compris)', en: 'Off topic (not understood)' },
};

export const BUILT_IN_INTENTS = Object.keys(BUILT_IN).filter(id => id !== 'out_of_scope');

let titles = new Map();     // id → {fr, en} from the server
let known = null;           // [{id, builtIn, hasAnswer, title?}] from the server, or null without the route
let loading = null;
let examples = new Map();   // id → {fr, en}: an intent's first example, its name when faq.json gives it no title

/** Loads the shop's intents once (agents and admins; ambassadors are refused and keep the built-in names). */
export function loadIntents() {
  if (!loading) {
    loading = api.intents().then(data => {
      known = (data && data.intents) || [];
      titles = new Map(known.filter(i => i.title).map(i => [i.id, i.title]));
      examples = new Map(known.filter(i => i.example).map(i => [i.id, i.example]));
      return known;
    }).catch(() => { known = null; return null; });
  }
  return loading;
}

/** After sign-out: the next person may be on another shop. */
export function forgetIntents() {
  titles = new Map();
  examples = new Map();
  known = null;
  loading = null;
}

/** The server's list when it has one, else the built-in intents. */
export function knownIntents() {
  return known ? known.map(i => i.id) : BUILT_IN_INTENTS;
}

function pickLanguage(byLanguage) {
  return byLanguage[lang()] || byLanguage.fr || byLanguage.en || Object.values(byLanguage)[0] || null;
}

/**
 * The name of an intent, in the console's language: the shop's title, the built-in name, else what shoppers ask
 * (its first example, quoted: « Quelle ampoule choisir ? »), and the id only when the server told nothing.
 */
export function intentName(id) {
  if (!id) return '';
  const title = titles.get(id);
  if (title) return pickLanguage(title) || id;
  const builtIn = BUILT_IN[id];
  if (builtIn) return pickLanguage(builtIn);
  const example = examples.get(id) && pickLanguage(examples.get(id));
  if (example) return lang() === 'fr' ? `« ${example} »` : `“${example}”`;
  return id;
}

/** True when the console has a real name for it (not just the id). */
export function hasName(id) {
  return titles.has(id) || Boolean(BUILT_IN[id]);
}
