// The REST API (docs/api.md). The login token lives in sessionStorage: it ends with the tab, and other tabs or
// pages never see it.

const SESSION_KEY = 'causette.console.session';
const unauthorizedListeners = [];

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** The server does not have this route (yet): the console hides what depends on it. */
  get missing() {
    return this.status === 404 && this.code === 'not_found' && /^no route/.test(this.message);
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

function saveSession(value) {
  if (value) sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  else sessionStorage.removeItem(SESSION_KEY);
}

export function onUnauthorized(fn) {
  unauthorizedListeners.push(fn);
}

async function request(method, path, body, { auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const current = session();
  if (auth && current) headers.Authorization = `Bearer ${current.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  if (response.status === 204) return null;
  let data = null;
  const text = await response.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data && data.error, data && data.message, response.headers.get('Retry-After'));
    if (response.status === 401 && auth) unauthorizedListeners.forEach(fn => fn(error));
    throw error;
  }
  return data;
}

const site = () => encodeURIComponent(session().staff.site);

export async function login(siteId, username, password) {
  const data = await request('POST', '/api/login', { site: siteId, username, password }, { auth: false });
  saveSession({ token: data.token, staff: data.staff });
  return data;
}

export async function logout() {
  const current = session();
  saveSession(null);
  if (current) {
    try {
      await fetch('/api/logout', { method: 'POST', headers: { Authorization: `Bearer ${current.token}` } });
    } catch { /* the token is forgotten here anyway */ }
  }
}

export function forgetSession() {
  saveSession(null);
}

export function conversations({ state, limit = 50, before, q } = {}) {
  const params = new URLSearchParams();
  if (state) params.set('state', state);
  if (limit) params.set('limit', String(limit));
  if (before) params.set('before', before);
  if (q) params.set('q', q);
  return request('GET', `/api/sites/${site()}/conversations?${params}`);
}

export function conversation(id) {
  return request('GET', `/api/conversations/${encodeURIComponent(id)}`);
}

export function report(from, to) {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  return request('GET', `/api/sites/${site()}/report?${params}`);
}

export function parse(text, lang) {
  return request('POST', `/api/sites/${site()}/parse`, lang ? { text, lang } : { text });
}

// ---- routes the console uses when the server has them (see README: "Server requests") -------------------------

/** GET /api/sites → [{id,name}] (public): the site picker. */
export function sites() {
  return request('GET', '/api/sites', undefined, { auth: false });
}

/** GET /api/sites/{site}/canned → {cannedResponses:[{shortcut,text:{fr,en}}]} */
export function canned() {
  return request('GET', `/api/sites/${site()}/canned`);
}

/** GET /api/sites/{site}/staff → {staff:[{id,name,role,skills,expertise,languages,online}]} (transfer targets) */
export function staffList() {
  return request('GET', `/api/sites/${site()}/staff`);
}

/** GET /api/sites/{site}/intents → {intents:[{id,builtIn}]} (admins: teach the bot) */
export function intents() {
  return request('GET', `/api/sites/${site()}/intents`);
}

/** POST /api/sites/{site}/teach (admins) */
export function teach(body) {
  return request('POST', `/api/sites/${site()}/teach`, body);
}

/** GET /api/sites/{site}/teach → {status: "training"|"ready", lessons, lessonsApplied} (admins) */
export function teachStatus() {
  return request('GET', `/api/sites/${site()}/teach`);
}

/** POST /api/conversations/{id}/wrong {seq}: a bot reply marked wrong goes to the admin's list to teach */
export function markWrong(conversationId, seq) {
  return request('POST', `/api/conversations/${encodeURIComponent(conversationId)}/wrong`, { seq });
}

/** GET /api/me/stats → {helped, ratingAverage, ratingCount} */
export function myStats() {
  return request('GET', '/api/me/stats');
}

/** GET /api/conversations/{id}/customer → {customer: {userId, lifetimeValue, purchaseCount, otherConversations…} | null} (agents, admins) */
export function customerCard(conversationId) {
  return request('GET', `/api/conversations/${encodeURIComponent(conversationId)}/customer`);
}

/** GET /api/sites/{site}/leaderboard → {rules, ambassadors:[{rank,staffId,name,points,…}], me} (ambassadors, admins) */
export function leaderboard(from, to) {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  return request('GET', `/api/sites/${site()}/leaderboard?${params}`);
}
