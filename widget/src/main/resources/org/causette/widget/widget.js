/* Causette chat widget. Hand-written, no framework; minified at build (widget/pom.xml): see widget/README.md.
 * Embed: <script src="https://HOST/widget.js" data-site="SITE" async></script>
 * Everything visible lives in an open shadow root. Message text is only ever set with textContent. */
(function (w, d) {
  'use strict';
  var stub = w.Causette;
  if (stub && stub.version) return; // the script was included twice
  var me = d.currentScript || d.querySelector('script[data-site][src*="widget.js"]');
  var SITE = me && me.getAttribute('data-site');
  if (!SITE || !w.WebSocket || !w.URL || !Element.prototype.attachShadow) return;
  var attr = function (n) { return me.getAttribute('data-' + n); };
  var HUB = new URL(me.src, location.href);
  var WS_URL = (HUB.protocol === 'https:' ? 'wss://' : 'ws://') + HUB.host + '/ws/visitor?site=' + encodeURIComponent(SITE);
  var NS = 'causette:' + SITE + ':';
  var MAX_LOG = 120, MAX_TEXT = 4000, PING_MS = 25000, DEAD_MS = 10000;
  var LEAVE_EMAIL = 'LEAVE_EMAIL'; // a quick reply with this payload opens the email form
  var EVENTS = ['page_view', 'cart_update', 'checkout', 'purchase', 'custom'];

  /* ---------- text (fr / en) ---------- */
  var T = {
    fr: {
      open: 'Ouvrir le chat', close: 'Fermer le chat', unread: ' non lu(s)', input: 'Votre message',
      ph: 'Écrivez votre message…', send: 'Envoyer', bot: 'Assistant', agent: 'Conseiller', ambassador: 'Ambassadeur',
      sBot: 'Assistant virtuel · en ligne', sQueued: 'Un conseiller va vous répondre',
      sBotAway: 'Assistant virtuel · équipe absente', sWait: 'Équipe absente · demande gardée',
      pos: 'Position dans la file : ', sAssigned: 'En ligne', sClosed: 'Conversation terminée', sOff: 'Connexion…',
      intro: 'Bonjour ! Posez votre question : produits, livraison, retours… Je réponds tout de suite, et un conseiller prend le relais si besoin.',
      starters: ['Quels sont les délais de livraison ?', 'Comment retourner un article ?', 'Je voudrais parler à un conseiller'],
      sugg: 'Suggestions', log: 'Messages', you: 'Vous', sending: 'Envoi…', failed: 'Non envoyé', read: 'Lu', typing: ' écrit…',
      rateQ: 'Comment s’est passé cet échange ?', of5: ' sur 5', comment: 'Un commentaire ? (facultatif)', rateSend: 'Envoyer mon avis',
      skip: 'Plus tard', npsQ: 'Recommanderiez-vous la boutique à un proche ?', npsLo: '0 : pas du tout', npsHi: '10 : certainement',
      thanks: 'Merci pour votre avis !', emailQ: 'Laissez-nous votre e-mail : nous vous répondrons dès notre retour.',
      email: 'Votre adresse e-mail', emailOk: 'J’accepte que la boutique utilise cette adresse uniquement pour répondre à ma demande.',
      emailBad: 'Vérifiez l’adresse e-mail.', consentQ: 'Pour mieux vous conseiller, la boutique peut associer les pages consultées et votre panier à cette conversation.',
      emailMe: 'M’envoyer la réponse par e-mail', emailMeQ: 'Si vous quittez la page avant la réponse, nous vous l’enverrons à cette adresse, avec un lien pour reprendre ici.',
      kept: 'Conversations conservées % jours.', pol: 'Politique de confidentialité',
      yes: 'Accepter', no: 'Refuser', privacy: 'Confidentialité', by: 'Propulsé par Causette', card: 'Voir le produit', newMsg: 'Nouveau message de '
    },
    en: {
      open: 'Open chat', close: 'Close chat', unread: ' unread', input: 'Your message',
      ph: 'Type your message…', send: 'Send', bot: 'Assistant', agent: 'Agent', ambassador: 'Ambassador',
      sBot: 'Virtual assistant · online', sQueued: 'An agent will answer you shortly',
      sBotAway: 'Virtual assistant · team away', sWait: 'Team away · request kept',
      pos: 'Position in queue: ', sAssigned: 'Online', sClosed: 'Conversation ended', sOff: 'Connecting…',
      intro: 'Hello! Ask me anything: products, delivery, returns… I answer right away, and a person from the team takes over if needed.',
      starters: ['How long does delivery take?', 'How do I return an item?', 'I would like to talk to someone'],
      sugg: 'Suggestions', log: 'Messages', you: 'You', sending: 'Sending…', failed: 'Not sent', read: 'Read', typing: ' is typing…',
      rateQ: 'How was this conversation?', of5: ' out of 5', comment: 'Any comment? (optional)', rateSend: 'Send my rating',
      skip: 'Not now', npsQ: 'How likely are you to recommend the shop to a friend?', npsLo: '0: not at all', npsHi: '10: very likely',
      thanks: 'Thank you for your feedback!', emailQ: 'Leave us your email: we will answer as soon as we are back.',
      email: 'Your email address', emailOk: 'I agree that the shop uses this address only to answer my request.',
      emailBad: 'Please check the email address.', consentQ: 'To help you better, the shop may link the pages you visit and your cart to this conversation.',
      emailMe: 'Email me the answer', emailMeQ: 'If you leave before the answer comes, we will send it to this address, with a link to pick up here.',
      kept: 'Conversations are kept for % days.', pol: 'Privacy policy',
      yes: 'Accept', no: 'Decline', privacy: 'Privacy', by: 'Powered by Causette', card: 'View product', newMsg: 'New message from '
    }
  };
  function pickLang() {
    var l = (attr('lang') || d.documentElement.lang || navigator.language || 'en').toLowerCase();
    return l.slice(0, 2) === 'fr' ? 'fr' : 'en';
  }
  var lang = pickLang();
  function L(k) { return T[lang][k]; }

  /* ---------- storage: namespaced per site, never throws (private modes, blocked storage) ---------- */
  function get(k, s) { try { return (s || localStorage).getItem(NS + k); } catch (e) { return null; } }
  function put(k, v, s) {
    try { if (v == null) (s || localStorage).removeItem(NS + k); else (s || localStorage).setItem(NS + k, v); } catch (e) { /* full or blocked */ }
  }
  function getJ(k, dflt) { try { return JSON.parse(get(k)) || dflt; } catch (e) { return dflt; } }
  function putJ(k, v) { put(k, JSON.stringify(v)); }
  var session = (function () { try { return sessionStorage; } catch (e) { return null; } })();

  /* ---------- state ---------- */
  var log = getJ('log', []);          // message frames of this visitor, oldest first
  var ids = {};                       // message id -> true, so a message is never shown twice
  log.forEach(function (m) { ids[m.id] = 1; });
  var conv = get('conv');             // the conversation `seq` refers to
  var seq = +get('seq') || 0;         // every message of `conv` up to here is in the log
  var convState = getJ('state', null); // last state frame of `conv`
  var readSeq = getJ('read', {});     // {c, s}: staff read receipt
  var consent = get('consent');       // '1' | '0' | null (no choice yet)
  var botName = attr('bot-name') || get('bot');
  var identity = null, events = [], pvSent = false, exitSent = false;
  var greet = getJ('greet', null);    // the greeting A/B variant the hub gave this visitor: {variant, text, quickReplies}
  var sock = null, ready = false, attempt = 0, retryTimer = 0, pingTimer = 0, deadTimer = 0, wanted = false, blocked = false;
  var sockToken = null, sentOn = {}, sent = {}, resyncs = 0, pendingRate = null, pendingLead = null, nextState = null;
  var sound = false, baseTitle = null, markedTitle = null;
  var privacy = getJ('priv', null); // {retentionDays, url?} from welcome: said beside every consent
  var team = get('team') !== '0'; // whether a person could answer now (welcome, hand-overs); unknown: yes
  // docs/email.md: an emailed link's token, read from the page's fragment once and sent in the next hello.
  var resumeTok = null, mailOn = false, emailMode = 'lead';
  var isOpen = false, ui = null, typingTimer = 0, myTyping = false, myTypingTimer = 0, lastRead = 0;

  function rid(n) {
    var a = new Uint8Array(n), s = '', abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    w.crypto.getRandomValues(a);
    for (var i = 0; i < n; i++) s += abc[a[i] & 63];
    return s;
  }
  function outbox() { return getJ('outbox', []); }
  /** What logout() forgets: all that is the visitor's (the bot's name and the panel's open state are the page's). */
  var FORGET = ['token', 'vid', 'conv', 'seq', 'log', 'outbox', 'state', 'read', 'greet', 'gs', 'nps', 'rated', 'skipped',
    'seen', 'consent'];
  function saveLog() {
    if (log.length > MAX_LOG) log = log.slice(-MAX_LOG);
    putJ('log', log);
  }
  function setSeq(c, s) { conv = c; seq = s; put('conv', c); put('seq', String(s)); }

  /* ---------- connection: lazy, reconnects with exponential backoff and jitter ---------- */
  function connect() {
    wanted = true;
    if (sock || blocked) return;
    clearTimeout(retryTimer);
    var s;
    try { s = sock = new WebSocket(WS_URL); } catch (e) { sock = null; return retry(); }
    ready = false; sentOn = {};
    s.onopen = function () {
      sockToken = get('token');
      var hello = { type: 'hello', visitorToken: sockToken, locale: locale(), lastSeq: conv ? seq : 0,
        conversationId: conv, consent: consent === '1', identity: identity, resume: resumeTok || undefined,
        page: consent === '1' ? { url: location.href, title: d.title } : null }; // page only with consent
      raw(s, hello);
      heartbeat(s);
    };
    s.onmessage = function (e) {
      if (s !== sock) return;
      clearTimeout(deadTimer);
      var f;
      try { f = JSON.parse(e.data); } catch (x) { return; }
      if (f && H[f.type]) H[f.type](f);
    };
    s.onclose = function (e) {
      if (s !== sock) return;
      if (e.code === 1008) blocked = !identity; // identity required: wait for identify()
      lost();
    };
  }
  function lost() {
    try { sock && sock.close(); } catch (e) { /* already closed */ }
    sock = null; ready = false;
    clearInterval(pingTimer); clearTimeout(deadTimer);
    header();
    retry();
  }
  function retry() {
    if (!wanted || blocked) return;
    clearTimeout(retryTimer);
    // Full jitter keeps a crowd of widgets from reconnecting in step after a restart.
    var max = Math.min(30000, 500 * Math.pow(2, attempt++));
    retryTimer = setTimeout(connect, max / 2 + Math.random() * max / 2);
  }
  function now() { attempt = 0; if (!sock) connect(); }
  function heartbeat(s) {
    clearInterval(pingTimer);
    // A half-open socket (lost network) never reports closing: a missing pong does.
    pingTimer = setInterval(function () {
      raw(s, { type: 'ping' });
      clearTimeout(deadTimer);
      deadTimer = setTimeout(function () { if (s === sock) lost(); }, DEAD_MS);
    }, PING_MS);
  }
  function raw(s, f) {
    if (s && s.readyState === 1) { s.send(JSON.stringify(f)); return true; }
    return false;
  }
  function send(f) { return ready && raw(sock, f); }
  function locale() {
    var n = navigator.language || '';
    return (n.slice(0, 2).toLowerCase() === lang ? n : lang).replace(/[^A-Za-z0-9_-]/g, '').slice(0, 35) || lang;
  }

  /* ---------- frames from the hub ---------- */
  var H = {
    welcome: function (f) {
      var oldVid = get('vid');
      if (oldVid && oldVid !== f.visitorId && get('token') !== sockToken) {
        lost(); attempt = 0; return; // another tab already started the new visitor: join it
      }
      resumeTok = null; mailOn = !!f.replyByEmail;
      put('vid', f.visitorId); put('token', f.visitorToken);
      if (oldVid !== f.visitorId) setSeq(null, 0); // the old seq means nothing to a new visitor; the log stays on screen
      // Another conversation is open: the hub first sends the rest of ours (closed meanwhile), then that one from
      // its start; its state applies once its first message is here (inOrder).
      nextState = null;
      if (f.conversationId && f.conversationId !== conv && !conv) setSeq(f.conversationId, 0);
      var bn = f.botName || (f.bot && f.bot.name);
      if (bn) setBot(bn);
      if (!f.conversationId && convState && convState.state !== 'closed') setState({ conversationId: conv, state: 'bot' });
      if (f.state) {
        var same = convState && convState.conversationId === f.conversationId && convState.state === f.state;
        var st = { conversationId: f.conversationId, state: f.state, queuePosition: same ? convState.queuePosition : null,
          assignee: same ? convState.assignee : null };
        if (f.conversationId === conv) setState(st); else nextState = st;
      }
      if (f.teamOnline != null) setTeam(f.teamOnline);
      sound = !!f.sound; // site.json widget.sound: off unless the shop turned it on
      if (f.privacy) { privacy = f.privacy; putJ('priv', privacy); notes(); }
      ready = true; attempt = 0;
      greet = f.greeting || null; // docs/marketing.md: the intro text is the visitor's variant of the greeting
      if (greet) putJ('greet', greet); else put('greet', null);
      extras(); greetSeen();
      flush();
      if (pendingRate && send(pendingRate)) pendingRate = null;
      if (pendingLead && send(pendingLead)) pendingLead = null;
      pageView();
      events.splice(0).forEach(send);
      markRead();
      header();
    },
    ack: function (f) {
      var item = sent[f.clientId] || find(outbox(), f.clientId);
      unqueue(f.clientId);
      var el = pendingEl(f.clientId);
      if (!inOrder(f.conversationId, f.seq) || ids[f.id] || !item) { if (el) el.remove(); return; }
      add({ id: f.id, conversationId: f.conversationId, seq: f.seq, from: { role: 'visitor' }, text: item.text, ts: f.ts }, el);
      if (!convState || convState.conversationId !== conv || convState.state === 'bot') typing(true, { role: 'bot', name: botName });
    },
    nps_request: function (f) { put('nps', f.conversationId || '1'); extras(); bottom(); }, // docs/marketing.md: NPS, once per period
    proactive: function (f) { // docs/marketing.md: a scenario speaks first, as a bubble above the launcher
      if (isOpen || !f.text || !d.body) return;
      mount(); bubble(f);
    },
    message: function (f) {
      if (!inOrder(f.conversationId, f.seq) || ids[f.id]) return;
      var from = f.from || {};
      if (from.role === 'bot' && from.name) setBot(from.name);
      if (from.role !== 'visitor' && from.role !== 'system') typing(false); // whoever was typing has spoken
      add(f);
      if (from.role !== 'visitor') {
        if (isOpen && !d.hidden) markRead(); else attention(from.name || L(from.role) || '', f);
      }
    },
    state: function (f) { // the hub itself says who joined, the queue and the close as system messages
      if (f.state !== 'bot') typing(false); // the bot's dots end with its turn: the hub itself tells the hand-over
      if (f.teamOnline != null) setTeam(f.teamOnline);
      setState(f);
    },
    typing: function (f) { if (f.from && f.from.role !== 'visitor') typing(!!f.on, f.from); },
    read: function (f) { readSeq = { c: conv, s: f.seq }; putJ('read', readSeq); receipts(); },
    error: function (f) {
      if (f.ref === 'resume') { resumeTok = null; return; } // an expired link: the chat goes on as before
      if (f.code === 'unauthorized') { blocked = !identity; return; }
      if (!ready && f.code === 'unavailable') return lost(); // the hello failed (store down): try again later
      if (!f.ref) return;
      if (f.code === 'unavailable' || f.code === 'rate_limited') {
        delete sentOn[f.ref]; // the hub kept nothing: send the same clientId again a little later
        setTimeout(flush, 2000 + Math.random() * 3000);
      } else { // bad_request, too_large: sending it again would never work
        unqueue(f.ref);
        var el = pendingEl(f.ref);
        if (el) { el.classList.add('fail'); meta(el, L('failed')); el.removeAttribute('data-client-id'); }
      }
    },
    pong: function () { }
  };

  /** Keeps `seq` without holes: a jump means frames were missed, and a new hello replays them. */
  function inOrder(c, s) {
    if (c !== conv) {
      setSeq(c, 0);
      if (nextState && nextState.conversationId === c) { setState(nextState); nextState = null; }
    }
    if (s > seq + 1 && resyncs++ < 3) { lost(); attempt = 0; return false; }
    if (s > seq) setSeq(c, s);
    return true;
  }
  function setTeam(on) { team = !!on; put('team', team ? '1' : '0'); }
  function setBot(n) { if (n !== botName) { botName = n; put('bot', n); header(); } }
  function setState(f) {
    convState = { conversationId: f.conversationId, state: f.state, queuePosition: f.queuePosition, assignee: f.assignee };
    putJ('state', convState);
    if (f.state !== 'closed') { pendingRate = null; put('nps', null); }
    header(); extras(); bottom();
  }
  function add(m, el) {
    ids[m.id] = 1;
    log.push(m);
    saveLog();
    if (ui) {
      var node = render(m);
      if (el) { el.replaceWith(node); group(node); } else place(node);
      extras(); receipts(); bottom(m.from && m.from.role !== 'visitor' && node);
    }
    badge();
  }

  /* ---------- outbox: kept across reloads, resent with the same clientId until acked ---------- */
  function find(list, id) { for (var i = 0; i < list.length; i++) if (list[i].clientId === id) return list[i]; return null; }
  function unqueue(id) { putJ('outbox', outbox().filter(function (m) { return m.clientId !== id; })); }
  function say(text, payload) {
    text = String(text || '').trim().slice(0, MAX_TEXT);
    if (!text) return;
    var item = { clientId: 'w' + rid(22), text: text, payload: payload || undefined };
    var box = outbox(); box.push(item); putJ('outbox', box);
    if (ui) { place(render({ from: { role: 'visitor' }, text: text, clientId: item.clientId })); extras(); bottom(); }
    typingOff();
    connect(); flush();
  }
  function flush() {
    if (!ready) return;
    outbox().forEach(function (m) {
      if (sentOn[m.clientId]) return; // once per socket; a new socket sends everything again
      sent[m.clientId] = m;
      if (send({ type: 'message', clientId: m.clientId, text: m.text, payload: m.payload })) sentOn[m.clientId] = 1;
    });
  }

  /* ---------- events and consent ---------- */
  function pageView() {
    if (consent !== '1' || pvSent || !ready) return;
    pvSent = send({ type: 'event', name: 'page_view', data: { url: location.href, title: d.title, referrer: d.referrer || null } });
  }
  function setConsent(v) {
    consent = v ? '1' : '0';
    put('consent', consent);
    send({ type: 'consent', granted: !!v });
    if (v) { connect(); pageView(); } else events = [];
    if (ui) ui.consent.hidden = true;
  }

  /**
   * The shopper signed out (a shared computer): forget the visitor token, the outbox and everything shown, so the
   * next person is a new anonymous visitor who can read nothing of this one. Consent is forgotten too: it was theirs.
   */
  function forget() {
    FORGET.forEach(function (k) { put(k, null); });
    identity = null; blocked = false; log = []; ids = {}; conv = null; seq = 0; convState = null; readSeq = {};
    consent = null; greet = null; events = []; sent = {}; sentOn = {}; pendingRate = null; pendingLead = null;
    if (ui) { renderAll(); ui.consent.hidden = false; }
    if (sock) { lost(); attempt = 0; now(); } // a hello without a token: the hub makes a new visitor
  }

  /* ---------- the public API ---------- */
  var API = {
    version: '1',
    open: function () { open(false); },
    close: function () { close(); },
    identify: function (who) {
      if (!who || who.userId == null) return;
      identity = { userId: String(who.userId), email: who.email || null, name: who.name || null,
        issuedAt: +who.issuedAt || null, hash: who.hash || null };
      blocked = false;
      if (sock) { lost(); attempt = 0; now(); } // the identity travels in hello: say it again
    },
    track: function (name, data) {
      if (consent !== '1') return false; // nothing leaves the page without consent
      var known = EVENTS.indexOf(name) >= 0;
      var body = data && typeof data === 'object' ? data : {};
      var f = { type: 'event', name: known ? name : 'custom', data: known ? body : { name: String(name), data: body } };
      if (!send(f) && events.push(f) > 50) events.shift(); // a few wait for the connection, not a whole session
      connect();
      return true;
    },
    setConsent: function (v) { setConsent(!!v); },
    logout: function () { forget(); }
  };
  w.Causette = API;

  /* ---------- DOM helpers: createElement + textContent only ---------- */
  function h(tag, props, kids) {
    var e = d.createElement(tag);
    for (var k in props || {}) {
      var v = props[k];
      if (v == null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    (kids || []).forEach(function (c) { if (c != null) e.append(c); });
    return e;
  }
  function icon(path) {
    var s = d.createElementNS('http://www.w3.org/2000/svg', 'svg'), p = d.createElementNS(s.namespaceURI, 'path');
    s.setAttribute('viewBox', '0 0 24 24'); s.setAttribute('aria-hidden', 'true'); s.setAttribute('focusable', 'false');
    p.setAttribute('d', path); s.append(p);
    return s;
  }
  var I_CHAT = 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z';
  var I_X = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z';
  var I_SEND = 'M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z';

  /** http(s) links only, resolved against the shop's page: same origin opens in place, others in a new tab. */
  function abs(url) {
    try { var u = new URL(url, location.href); return /^https?:$/.test(u.protocol) ? u : null; } catch (e) { return null; }
  }
  function link(url, cls, kids, label) {
    var u = abs(url);
    if (!u) return null;
    var other = u.origin !== location.origin;
    return h('a', { href: u.href, 'class': cls, target: other ? '_blank' : null, rel: other ? 'noopener noreferrer' : null,
      'aria-label': label }, kids);
  }
  /** Plain text, with bare http(s) URLs made into links; never parsed as HTML. */
  function textInto(el, text) {
    var re = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'»]/g, i = 0, m;
    while ((m = re.exec(text))) {
      el.append(text.slice(i, m.index), link(m[0], null, [m[0]]) || m[0]);
      i = re.lastIndex;
    }
    el.append(text.slice(i));
    return el;
  }
  function time(ts) {
    var t = new Date(ts || Date.now());
    if (isNaN(t)) return null;
    var o = { hour: '2-digit', minute: '2-digit' };
    if (t.toDateString() !== new Date().toDateString()) { o.day = 'numeric'; o.month = 'short'; }
    return h('time', { datetime: t.toISOString(), title: t.toLocaleString(lang) }, [t.toLocaleString(lang, o)]);
  }
  function meta(el, text) {
    var m = el.querySelector('.mt');
    if (m) m.textContent = text;
  }

  /* ---------- rendering ---------- */
  function render(m) {
    var from = m.from || {}, role = /^(visitor|bot|agent|ambassador|system)$/.test(from.role) ? from.role : 'system';
    var name = from.name || (role === 'bot' ? botName || L('bot') : role === 'visitor' ? L('you') : L(role) || '');
    var el = h('div', { 'class': 'm ' + role + (m.clientId ? ' pending' : ''), 'data-causette': 'message', 'data-role': role,
      'data-id': m.id, 'data-seq': m.seq, 'data-client-id': m.clientId, 'data-conv': m.conversationId, 'data-from': name });
    if (role === 'agent' || role === 'ambassador') el.append(h('span', { 'class': 'who' }, [name + ' · ' + L(role)]));
    else if (role === 'bot') el.append(h('span', { 'class': 'who' }, [name]));
    else if (role === 'visitor') el.append(h('span', { 'class': 'sr' }, [name + ' : ']));
    if (m.text) el.append(textInto(h('div', { 'class': 'b' }), String(m.text)));
    var cards = (m.cards || []).filter(Boolean);
    if (cards.length) { el.classList.add('wide'); el.append(h('div', { 'class': 'cards' + (cards.length === 1 ? ' one' : ''), role: 'list' }, cards.map(card))); }
    el.append(h('span', { 'class': 'mt' }, [m.clientId ? L('sending') : time(m.ts)]));
    return el;
  }
  function card(c) {
    var src = abs(c.imageUrl), pic = src && h('img', { src: src.href, alt: '', loading: 'lazy' });
    var img = pic && ((c.url && link(c.url, 'im', [pic], c.title)) || h('div', { 'class': 'im' }, [pic]));
    var price = h('p', { 'class': 'pr' }, [c.price ? h('span', { 'class': 'now' + (c.regularPrice ? ' sale' : '') }, [c.price]) : null,
      c.regularPrice ? h('s', null, [c.regularPrice]) : null]);
    var buttons = (c.buttons || []).map(function (b) {
      if (b.url) return link(b.url, 'btn', [b.title || L('card')]);
      return h('button', { type: 'button', 'class': 'btn', onclick: function () { if (!isOpen) open(false); say(b.title, b.payload); } }, [b.title]);
    });
    return h('article', { 'class': 'card', role: 'listitem', 'data-sku': c.sku }, [img,
      h('div', { 'class': 'cb' }, [(c.url && link(c.url, 'ct', [c.title])) || h('span', { 'class': 'ct' }, [c.title]),
        c.subtitle ? h('p', { 'class': 'cs' }, [c.subtitle]) : null, price,
        buttons.length ? h('div', { 'class': 'bts' }, buttons) : null])]);
  }
  function place(node) {
    var first = ui.list.querySelector('.pending');
    // Pending messages stay last: whatever the hub confirms comes before them.
    if (first && !node.classList.contains('pending')) ui.list.insertBefore(node, first); else ui.list.append(node);
    group(node);
  }
  /** A message right after one from the same sender does not repeat the name. */
  function group(node) {
    var p = node.previousElementSibling;
    if (node.classList.contains('m')) node.classList.toggle('cont', !!p && p.getAttribute('data-from') === node.getAttribute('data-from') &&
      p.getAttribute('data-role') === node.getAttribute('data-role'));
  }
  function pendingEl(id) { return ui && ui.list.querySelector('[data-client-id="' + CSS.escape(id) + '"]'); }
  function renderAll() {
    ui.list.textContent = '';
    log.forEach(function (m) { group(ui.list.appendChild(render(m))); });
    outbox().forEach(function (m) { group(ui.list.appendChild(render({ from: { role: 'visitor' }, text: m.text, clientId: m.clientId }))); });
    extras(); receipts(); bottom();
  }
  /** Another tab changed the outbox: show its new messages as pending, drop the ones it settled. */
  function syncOutbox() {
    if (ui) {
      var box = outbox();
      box.forEach(function (m) { if (!pendingEl(m.clientId)) ui.list.append(render({ from: { role: 'visitor' }, text: m.text, clientId: m.clientId })); });
      ui.list.querySelectorAll('.pending[data-client-id]').forEach(function (el) {
        if (!find(box, el.getAttribute('data-client-id'))) el.remove();
      });
      extras(); bottom();
    }
    // The tab that wrote a message sends it at once; the others step in only if it is still unsent a bit later
    // (that tab was closed or offline). Sending it twice would be harmless: the same clientId is stored once.
    setTimeout(flush, 3000);
  }
  function last() {
    return log[log.length - 1] || null;
  }
  /** The controls below the messages: quick replies of the last message, rating after close, the email form. */
  function extras() {
    if (!ui) return;
    var m = last(), q = ui.qr, pending = outbox().length;
    q.textContent = '';
    var replies = !pending && m && m.from && m.from.role !== 'visitor' ? m.quickReplies || [] : [];
    if (!log.length && !pending && attr('suggestions') !== 'off') {
      replies = greet && greet.quickReplies && greet.quickReplies.length ? greet.quickReplies : L('starters').map(function (t) { return { title: t }; });
    }
    replies.forEach(function (r) {
      if (!r || !r.title) return;
      q.append(h('button', { type: 'button', 'class': 'chip', onclick: function () {
        if (r.payload === LEAVE_EMAIL) return showEmail();
        say(r.title, r.payload);
      } }, [r.title]));
    });
    ui.intro.hidden = log.length > 0;
    ui.intro.textContent = (greet && greet.text) || L('intro');
    var closed = convState && convState.state === 'closed' && convState.conversationId === conv;
    ui.rate.hidden = !closed || get('rated') === conv || !!pending;
    ui.nps.hidden = !closed || !get('nps') || !!pending;
    ui.thanks.hidden = !closed || get('rated') !== conv || !!pending || !ui.nps.hidden || get('skipped') === conv;
    var st = convState && convState.conversationId === conv && convState.state;
    ui.mailMe.hidden = !mailOn || get('mailme') === conv || !(st === 'queued' || st === 'assigned') || !ui.email.hidden;
  }
  function receipts() {
    if (!ui) return;
    ui.list.querySelectorAll('.rd').forEach(function (e) { e.remove(); });
    if (readSeq.c !== conv || !readSeq.s) return;
    var mine = ui.list.querySelectorAll('.visitor[data-seq]:not(.pending)'), target = null;
    mine.forEach(function (e) { if (e.getAttribute('data-conv') === conv && +e.getAttribute('data-seq') <= readSeq.s) target = e; });
    if (target) target.querySelector('.mt').append(h('span', { 'class': 'rd' }, [' · ' + L('read')]));
  }
  function typing(on, from) {
    clearTimeout(typingTimer);
    if (!ui) return;
    ui.typing.hidden = !on;
    if (on) {
      ui.typingLabel.textContent = ((from && from.name) || botName || L('bot')) + L('typing');
      typingTimer = setTimeout(function () { typing(false); }, from && from.role === 'bot' ? 12000 : 20000);
      bottom();
    }
  }
  /** To the end; but a tall new message (cards) is shown from its top, so its text is read first. */
  function bottom(node) {
    if (!ui) return;
    var s = ui.scroll, end = s.scrollHeight - s.clientHeight;
    s.scrollTop = node ? Math.min(end, node.offsetTop - 60) : end;
  }
  function header() {
    if (!ui) return;
    var st = convState && convState.conversationId === conv ? convState : null, a = st && st.state === 'assigned' && st.assignee;
    var title = a ? a.name : botName || L('bot'), sub;
    if (!ready) sub = L('sOff');
    else if (!st || st.state === 'bot') sub = L(team ? 'sBot' : 'sBotAway');
    else if (st.state === 'queued') sub = !team ? L('sWait') : st.queuePosition ? L('pos') + st.queuePosition : L('sQueued');
    else if (st.state === 'assigned') sub = (a && L(a.role)) || L('sAssigned');
    else sub = L('sClosed');
    ui.title.textContent = title;
    ui.avatar.textContent = '';
    ui.avatar.append(avatar(a) || title.charAt(0).toUpperCase());
    ui.status.textContent = sub;
    ui.panel.classList.toggle('off', !ready);
    // The dot is green only when a person can answer now: one holds the conversation, or one is online.
    var live = ready && (st && st.state === 'assigned' || team && !(st && st.state === 'closed'));
    ui.panel.classList.toggle('away', ready && !live);
  }

  /** How long the shop keeps conversations, and its privacy policy, under each consent the shopper is asked. */
  function notes() {
    if (ui) [ui.pc, ui.pe].forEach(function (el) {
      el.textContent = '';
      if (!privacy) return;
      el.append(L('kept').replace('%', privacy.retentionDays) + ' ');
      var a = privacy.url && link(privacy.url, null, [L('pol')]);
      if (a) el.append(a);
    });
  }

  /* ---------- unread, read receipts, attention ---------- */
  function unread() {
    var seen = +get('seen') || 0, n = 0;
    log.forEach(function (m) { if (m.from && m.from.role !== 'visitor' && Date.parse(m.ts) > seen) n++; });
    return n;
  }
  /** While the tab is hidden, the page title counts what came (a title the shop changed meanwhile is kept). */
  function titleMark() {
    var n = d.hidden ? unread() : 0;
    if (d.title !== markedTitle) baseTitle = d.title;
    if (n) d.title = markedTitle = '(' + n + ') ' + baseTitle;
    else if (markedTitle && d.title === markedTitle) { d.title = baseTitle; markedTitle = null; }
  }
  function badge() {
    titleMark();
    if (!root) return;
    var n = isOpen ? 0 : unread();
    root.badge.hidden = !n;
    root.badge.textContent = n > 9 ? '9+' : String(n);
    root.launcher.setAttribute('aria-label', isOpen ? L('close') : L('open') + (n ? ', ' + n + L('unread') : ''));
  }
  function markRead() {
    var m = last();
    if (m && m.ts) put('seen', String(Math.max(+get('seen') || 0, Date.parse(m.ts) || 0)));
    badge();
    var st = convState && convState.state;
    if (conv && seq > lastRead && (st === 'assigned' || st === 'queued') && send({ type: 'read', seq: seq })) lastRead = seq;
  }
  /** A soft two-note chime, made here (no file to fetch); browsers play it once the shopper touched the page. */
  function chime() {
    try {
      var A = w.AudioContext || w.webkitAudioContext, c = chime.c = chime.c || new A(), o = c.createOscillator(), g = c.createGain(), t = c.currentTime;
      o.frequency.setValueAtTime(660, t); o.frequency.setValueAtTime(880, t + 0.12);
      g.gain.setValueAtTime(0.06, t); g.gain.exponentialRampToValueAtTime(0.001, t + 0.35);
      o.connect(g); g.connect(c.destination); o.start(t); o.stop(t + 0.36);
    } catch (e) { /* no audio here */ }
  }
  /** A person's reply with the panel closed: a short preview above the launcher; a click opens the panel. */
  function preview(m) {
    mount(); unbub();
    var a = convState && convState.assignee, pic = avatar(a);
    var b = h('div', { 'class': 'bub pv', 'data-causette': 'preview' }, [
      h('button', { type: 'button', 'class': 'bx', 'aria-label': L('close'), onclick: unbub }, [icon(I_X)]),
      pic, h('button', { type: 'button', 'class': 'bt', onclick: function () { open(false); } }, [
        h('b', null, [(m.from && m.from.name) || L(m.from.role)]), h('br'), String(m.text || '').slice(0, 140)])]);
    root.sr.insertBefore(b, root.launcher);
    root.bub = b;
  }
  /** A staff photo (its URL is the hub's or absolute), or null. */
  function avatar(a) {
    var u = a && a.avatarUrl && (function () { try { return new URL(a.avatarUrl, HUB); } catch (e) { return null; } })();
    return u && /^https?:$/.test(u.protocol) ? h('img', { 'class': 'ph', src: u.href, alt: '' }) : null;
  }
  function attention(from, m) {
    badge();
    var person = m && m.from && (m.from.role === 'agent' || m.from.role === 'ambassador');
    if (person && sound) chime();
    if (!root) return;
    if (person && !isOpen && d.body) preview(m);
    root.launcher.classList.remove('ping');
    void root.launcher.offsetWidth; // restart the animation
    root.launcher.classList.add('ping');
    root.live.textContent = L('newMsg') + from;
  }

  /* ---------- composer ---------- */
  function typingOff() {
    clearTimeout(myTypingTimer);
    if (myTyping) { myTyping = false; send({ type: 'typing', on: false }); }
  }
  function onInput() {
    var t = ui.input;
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight, 120) + 'px';
    var st = convState && convState.state;
    if (st !== 'assigned' && st !== 'queued') return; // only people watch a visitor type
    if (!myTyping && t.value) { myTyping = send({ type: 'typing', on: true }); }
    clearTimeout(myTypingTimer);
    myTypingTimer = setTimeout(typingOff, 3000);
  }
  function submit(e) {
    e.preventDefault();
    var t = ui.input;
    if (!t.value.trim()) return t.focus();
    say(t.value);
    t.value = ''; t.style.height = 'auto';
    t.focus();
  }
  function showEmail(mode) {
    emailMode = mode === 'reply' ? 'reply' : 'lead';
    ui.emailQ.textContent = L(emailMode === 'reply' ? 'emailMeQ' : 'emailQ');
    if (emailMode === 'reply' && identity && identity.email && !ui.email.elements.mail.value) ui.email.elements.mail.value = identity.email;
    ui.email.hidden = false; ui.mailMe.hidden = true;
    ui.email.querySelector('input').focus();
    bottom();
  }
  function sendEmail(e) {
    e.preventDefault();
    var f = ui.email, mail = f.elements.mail, ok = f.elements.ok;
    var v = mail.value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) { ui.emailErr.textContent = L('emailBad'); return mail.focus(); }
    if (!ok.checked) return ok.focus();
    ui.emailErr.textContent = '';
    pendingLead = { type: emailMode === 'reply' ? 'email_me' : 'lead', email: v, consent: true }; // consent: the box ticked
    put('mailme', conv); // an address given either way: "email me the answer" is not offered again here
    if (send(pendingLead)) pendingLead = null; else connect();
    f.reset(); f.hidden = true;
    ui.input.focus();
  }
  function sendRating(e) {
    e.preventDefault();
    var f = ui.rate, score = +((f.querySelector('input:checked') || {}).value);
    if (!score) return f.querySelector('input').focus();
    var c = f.elements.comment.value.trim();
    pendingRate = { type: 'rate', score: score, comment: c || undefined };
    if (send(pendingRate)) pendingRate = null; else connect();
    put('rated', conv);
    f.reset(); stars(0);
    extras();
    ui.thanks.focus();
  }
  /** No rating, no thanks: the NPS question may follow (the hub decides, at most once per period). */
  function skipRating() {
    pendingRate = { type: 'rate_skipped' };
    if (send(pendingRate)) pendingRate = null; else connect();
    put('rated', conv); put('skipped', conv);
    extras();
  }
  function sendNps(e) {
    e.preventDefault();
    var f = ui.nps, el = f.querySelector('input:checked');
    if (!el) return f.querySelector('input').focus();
    var c = f.elements.comment.value.trim();
    pendingRate = { type: 'nps', score: +el.value, comment: c || undefined };
    if (send(pendingRate)) pendingRate = null; else connect();
    put('nps', null); put('skipped', null);
    f.reset(); extras();
    ui.thanks.focus();
  }
  function skipNps() { put('nps', null); extras(); }
  function stars(n) { ui.rate.querySelectorAll('label').forEach(function (l, i) { l.classList.toggle('on', i < n); }); }

  /* ---------- building the UI (launcher at once, panel on first open) ---------- */
  var root = null;
  var texts = []; // [element, key, attribute] for a language change
  function tr(el, key, at) { texts.push([el, key, at]); (at ? el.setAttribute(at, L(key)) : el.textContent = L(key)); return el; }
  function applyLang() {
    var l = pickLang();
    if (l === lang) return;
    lang = l;
    texts.forEach(function (t) { t[2] ? t[0].setAttribute(t[2], L(t[1])) : t[0].textContent = L(t[1]); });
    if (ui) { renderAll(); header(); notes(); }
    badge();
  }
  function mount() {
    if (root) return;
    var host = d.createElement('causette-widget');
    host.style.cssText = 'all:initial;position:fixed;z-index:2147483000;right:0;bottom:0;width:0;height:0'; // CSSOM: allowed by strict CSPs
    var sr = host.attachShadow({ mode: 'open' });
    sheet(sr);
    var badgeEl = h('span', { 'class': 'badge', hidden: true, 'aria-hidden': 'true' });
    var launcher = h('button', { type: 'button', 'class': 'launcher', 'data-causette': 'launcher', 'aria-expanded': 'false',
      'aria-controls': 'cz-panel', onclick: function () { isOpen ? close() : open(false); } }, [icon(I_CHAT), icon(I_X), badgeEl]);
    var live = h('p', { 'class': 'sr', role: 'status', 'aria-live': 'polite' });
    sr.append(launcher, live);
    d.body.append(host);
    root = { host: host, sr: sr, launcher: launcher, badge: badgeEl, live: live };
    badge();
  }
  function build() {
    if (ui) return;
    mount();
    var u = ui = {};
    u.title = h('h2', { id: 'cz-title' });
    u.status = h('p', { 'class': 'st', 'data-causette': 'status' });
    u.avatar = h('span', { 'class': 'av', 'aria-hidden': 'true' });
    var x = tr(h('button', { type: 'button', 'class': 'x', onclick: close }, [icon(I_X)]), 'close', 'aria-label');
    u.consent = h('div', { 'class': 'consent', hidden: consent != null || attr('consent-ui') === 'off' }, [
      tr(h('p'), 'consentQ'), u.pc = h('p', { 'class': 'pp' }),
      tr(h('button', { type: 'button', 'class': 'btn pri', onclick: function () { setConsent(true); } }), 'yes'),
      tr(h('button', { type: 'button', 'class': 'btn', onclick: function () { setConsent(false); } }), 'no')]);
    u.intro = h('p', { 'class': 'intro' }); // its text: extras()
    u.list = tr(h('div', { 'class': 'list', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' }), 'log', 'aria-label');
    u.typingLabel = h('span', { 'class': 'sr' });
    u.typing = h('div', { 'class': 'typing', hidden: true }, [h('span', { 'class': 'dots', 'aria-hidden': 'true' }, [h('i'), h('i'), h('i')]), u.typingLabel]);
    u.qr = tr(h('div', { 'class': 'qr', role: 'group' }), 'sugg', 'aria-label');
    var starEls = [1, 2, 3, 4, 5].map(function (n) {
      return h('label', null, [h('input', { type: 'radio', name: 'score', value: n, 'class': 'sr', onchange: function () { stars(n); } }),
        h('span', { 'aria-hidden': 'true' }, ['★']), h('span', { 'class': 'sr' }, [n + L('of5')])]);
    });
    u.rate = h('form', { 'class': 'form rate', hidden: true, onsubmit: sendRating }, [
      h('fieldset', null, [tr(h('legend'), 'rateQ'), h('div', { 'class': 'stars' }, starEls)]),
      tr(h('textarea', { name: 'comment', rows: 2, maxlength: 2000 }), 'comment', 'placeholder'),
      tr(h('button', { type: 'submit', 'class': 'btn pri' }), 'rateSend'),
      tr(h('button', { type: 'button', 'class': 'btn', 'data-causette': 'rate-skip', onclick: skipRating }), 'skip')]);
    u.nps = h('form', { 'class': 'form nps', hidden: true, 'data-causette': 'nps', onsubmit: sendNps }, [
      h('fieldset', null, [tr(h('legend'), 'npsQ'), h('div', { 'class': 'sc' }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(function (n) {
        return h('label', null, [h('input', { type: 'radio', name: 'score', value: n, 'class': 'sr' }), h('span', null, [String(n)])]);
      })), h('p', { 'class': 'lh' }, [tr(h('span'), 'npsLo'), tr(h('span'), 'npsHi')])]),
      tr(h('textarea', { name: 'comment', rows: 2, maxlength: 2000 }), 'comment', 'placeholder'),
      tr(h('button', { type: 'submit', 'class': 'btn pri' }), 'send'),
      tr(h('button', { type: 'button', 'class': 'btn', onclick: skipNps }), 'skip')]);
    u.thanks = tr(h('p', { 'class': 'note', tabindex: '-1', hidden: true }), 'thanks');
    u.emailErr = h('p', { 'class': 'err', role: 'alert' });
    u.emailQ = tr(h('p'), 'emailQ');
    u.mailMe = h('button', { type: 'button', 'class': 'lnk mm', 'data-causette': 'email-me', hidden: true,
      onclick: function () { showEmail('reply'); } }, [tr(h('span'), 'emailMe')]);
    u.email = h('form', { 'class': 'form email', hidden: true, onsubmit: sendEmail, novalidate: true }, [u.emailQ,
      tr(tr(h('input', { type: 'email', name: 'mail', autocomplete: 'email', required: true }), 'email', 'aria-label'), 'email', 'placeholder'),
      h('label', { 'class': 'ck' }, [h('input', { type: 'checkbox', name: 'ok', required: true }), tr(h('span'), 'emailOk')]),
      u.pe = h('p', { 'class': 'pp' }),
      u.emailErr, tr(h('button', { type: 'submit', 'class': 'btn pri' }), 'send')]);
    u.scroll = h('div', { 'class': 'scroll' }, [u.consent, u.intro, u.list, u.typing, u.qr, u.rate, u.nps, u.thanks, u.mailMe, u.email]);
    u.input = tr(tr(h('textarea', { id: 'cz-in', 'data-causette': 'input', rows: 1, maxlength: MAX_TEXT, oninput: onInput,
      onkeydown: function (e) { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e); } }), 'ph', 'placeholder'), 'input', 'aria-label');
    var sendBtn = tr(h('button', { type: 'submit', 'class': 'send', 'data-causette': 'send' }, [icon(I_SEND)]), 'send', 'aria-label');
    var privacy = tr(h('button', { type: 'button', 'class': 'lnk', hidden: attr('consent-ui') === 'off',
      onclick: function () { u.consent.hidden = false; u.scroll.scrollTop = 0; u.consent.querySelector('button').focus(); } }), 'privacy');
    u.panel = h('section', { id: 'cz-panel', 'class': 'panel', 'data-causette': 'panel', role: 'dialog', 'aria-labelledby': 'cz-title',
      hidden: true, onkeydown: function (e) { if (e.key === 'Escape') { e.stopPropagation(); close(); } } }, [
      h('header', null, [u.avatar, h('div', { 'class': 'hd' }, [u.title, u.status]), x]),
      u.scroll,
      h('form', { 'class': 'composer', onsubmit: submit }, [u.input, sendBtn]),
      h('p', { 'class': 'ft' }, [tr(h('span'), 'by'), privacy])]);
    root.sr.insertBefore(u.panel, root.launcher);
    renderAll(); header(); notes();
  }
  function bubble(f) {
    unbub();
    var dismiss = function () { unbub(); send({ type: 'proactive_dismissed', scenarioId: f.scenarioId }); root.launcher.focus(); };
    var cards = (f.cards || []).filter(Boolean).slice(0, 3);
    var b = h('div', { 'class': 'bub', role: 'dialog', 'aria-label': botName, 'data-causette': 'proactive',
      onkeydown: function (e) { if (e.key === 'Escape') dismiss(); } }, [
      h('button', { type: 'button', 'class': 'bx', 'aria-label': L('close'), 'data-causette': 'proactive-close', onclick: dismiss }, [icon(I_X)]),
      h('button', { type: 'button', 'class': 'bt', text: f.text, onclick: function () { open(false); } })
    ].concat((f.quickReplies || []).slice(0, 3).map(function (q) {
      return h('button', { type: 'button', 'class': 'bq', text: q.title, onclick: function () { open(false); say(q.title, q.payload); } });
    })).concat(cards.length ? [h('div', { 'class': 'cards' + (cards.length === 1 ? ' one' : ''), role: 'list' }, cards.map(card))] : []));
    root.sr.insertBefore(b, root.launcher);
    root.bub = b; root.live.textContent = f.text;
  }
  /** The panel shows the greeting: counted once per browser session (the hub also counts once per session). */
  function greetSeen() {
    if (isOpen && ready && greet && !ui.intro.hidden && get('gs', session) !== greet.variant &&
      send({ type: 'greeting_shown', variant: greet.variant })) put('gs', greet.variant, session);
  }
  function unbub() { if (root && root.bub) { root.bub.remove(); root.bub = null; } }
  function open(restore) {
    if (!d.body) return d.addEventListener('DOMContentLoaded', function () { open(restore); });
    unbub(); build();
    isOpen = true;
    ui.panel.hidden = false;
    root.host.classList.add('open');
    root.launcher.classList.add('open');
    root.launcher.setAttribute('aria-expanded', 'true');
    if (session) put('open', '1', session);
    connect(); markRead(); header(); bottom(); greetSeen();
    if (!restore) setTimeout(function () { ui.input.focus(); }, 30); // a restored panel does not steal the page's focus
  }
  function close() {
    if (!isOpen) return;
    var had = root.sr.activeElement;
    isOpen = false;
    ui.panel.hidden = true;
    root.launcher.classList.remove('open');
    root.launcher.setAttribute('aria-expanded', 'false');
    if (session) put('open', null, session);
    typingOff(); badge();
    if (had || root.sr.activeElement) root.launcher.focus(); // focus goes back where the dialog came from
  }

  function sheet(sr) {
    var accent = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(attr('color') || '') ? attr('color') : '#4a6750';
    // On a desktop the panel (360 px wide, at most 540 px tall) leaves the top 180 px of the window to the shop: its
    // header, cart and language switch stay clickable with the chat open (ShopperBrowserTest measures it).
        // !important in the shadow root beats even the shop's !important rules on our host element.
    var css = ':host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;width:0!important;height:0!important;' +
      '--a:' + accent + ';--at:' + (light(accent) ? '#1d211c' : '#fff') + '}' +
      '*{box-sizing:border-box}[hidden]{display:none!important}' +
      'button,textarea,input{font:inherit;color:inherit}' +
      '.launcher,.panel{font:15px/1.45 system-ui,sans-serif;color:#1d211c;-webkit-font-smoothing:antialiased}' +
      '.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border:0;border-radius:50%;background:var(--a);color:var(--at);cursor:pointer;box-shadow:0 6px 24px rgba(20,30,20,.28);display:grid;place-items:center;transition:transform .2s}' +
      '.launcher:hover{transform:scale(1.06)}.launcher svg{width:28px;height:28px;fill:currentColor;grid-area:1/1}.launcher svg+svg,.launcher.open svg:first-child{display:none}.launcher.open svg+svg{display:block}' +
      '.launcher.ping{animation:ping .7s 2}@keyframes ping{50%{transform:scale(1.14)}}' +
      '.bub{position:fixed;right:20px;bottom:92px;max-width:280px;padding:12px 30px 12px 12px;background:#fff;border-radius:14px;box-shadow:0 6px 24px rgba(20,30,20,.22);font:15px/1.45 system-ui,sans-serif;color:#1d211c;display:flex;flex-wrap:wrap;gap:6px;animation:up .22s ease-out}' +
      '.bub button{font:inherit;cursor:pointer}.bt{border:0;background:none;padding:0;text-align:left;color:inherit;flex-basis:100%}' +
      '.bq{border:1px solid var(--a);background:#fff;color:var(--a);border-radius:14px;padding:3px 10px;font-size:14px!important}' +
      '.bub .cards{flex-basis:100%;padding:2px 0 0}.bub .card{flex-basis:150px}.bub .cs{display:none}' +
      '.pv{align-items:center;flex-wrap:nowrap;cursor:pointer}.pv .bt{flex:1}.ph{width:100%;height:100%;border-radius:50%;object-fit:cover}.pv .ph{flex:none;width:36px;height:36px}.bx{position:absolute;top:4px;right:4px;width:24px;height:24px;border:0;background:none;padding:2px;color:#555}.bx svg{width:100%;height:100%;fill:currentColor}' +
      '.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c2352b;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;border:2px solid #fff}' +
      ':focus-visible{outline:3px solid #2d6cdf;outline-offset:2px}' +
      '.panel{position:fixed;right:20px;bottom:92px;width:360px;height:min(540px,calc(100vh - 180px));display:flex;flex-direction:column;background:#fff;border-radius:18px;box-shadow:0 12px 48px rgba(20,30,20,.25);overflow:hidden;animation:up .22s ease-out}' +
      '@keyframes up{from{opacity:0;transform:translateY(12px)}}' +
      'header{display:flex;align-items:center;gap:12px;padding:14px 14px 14px 18px;background:var(--a);color:var(--at)}' +
      '.av{flex:none;width:38px;height:38px;border-radius:50%;display:grid;place-items:center;background:rgba(255,255,255,.22);font-weight:700;font-size:17px}' +
      '.hd{flex:1;min-width:0}h2{margin:0;font-size:16px;font-weight:650}.st{margin:0;font-size:12.5px;opacity:.92}.st:before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:#7ee08f;margin-right:6px}.off .st:before{background:#d9c37a}.away .st:before{background:#b9c0b5}' +
      '.x{flex:none;border:0;background:none;color:inherit;width:36px;height:36px;border-radius:50%;cursor:pointer;display:grid;place-items:center}.x:hover{background:rgba(255,255,255,.16)}.x svg{width:22px;height:22px;fill:currentColor}' +
      '.scroll{position:relative;flex:1;overflow-y:auto;padding:16px 14px 8px;background:#f7f8f5;overscroll-behavior:contain}' +
      '.intro{margin:0 0 12px;padding:12px 14px;background:#fff;border-radius:14px;border:1px solid #e3e7df;color:#3d443b}' +
      '.list{display:flex;flex-direction:column;gap:6px}' +
      '.m{display:flex;flex-direction:column;align-items:flex-start;max-width:86%}.m.wide{max-width:100%}.m.visitor{align-self:flex-end;align-items:flex-end}' +
      '.who{font-size:12px;color:#5b6358;margin:6px 4px 2px;font-weight:600}.cont .who{display:none}' +
      '.b{padding:9px 13px;border-radius:16px 16px 16px 4px;background:#fff;border:1px solid #e3e7df;white-space:pre-wrap;overflow-wrap:anywhere}' +
      '.visitor .b{background:var(--a);color:var(--at);border-color:transparent;border-radius:16px 16px 4px 16px}.visitor a{color:inherit}' +
      '.agent .b{border-left:3px solid var(--a)}.ambassador .b{background:#fbf4e6;border-color:#eddcb8}' +
      '.system{align-self:center;align-items:center;text-align:center;max-width:92%}.system .b{background:#e9ede6;border:0;border-radius:12px;color:#3d443b;font-size:13px;padding:6px 12px}' +
      '.pending .b{opacity:.7}.fail .b{background:#fbe9e7;color:#8a1c12;border:1px solid #f0b8b0}' +
      '.mt{font-size:11px;color:#6b7368;margin:2px 6px 4px}' +
      '.note{align-self:center;margin:8px auto;padding:3px 12px;border-radius:12px;background:#e9ede6;color:#4a5247;font-size:12.5px;text-align:center}' +
      '.cards{display:flex;gap:10px;overflow-x:auto;max-width:100%;padding:6px 2px 6px;scroll-snap-type:x mandatory;scrollbar-width:thin}' +
      '.card{flex:0 0 200px;scroll-snap-align:start;background:#fff;border:1px solid #e3e7df;border-radius:14px;overflow:hidden;display:flex;flex-direction:column}' +
      '.im{display:block;aspect-ratio:3/2;background:#eef1eb}.im img{width:100%;height:100%;object-fit:cover;display:block}' +
      '.cb{padding:10px 12px 12px;display:flex;flex-direction:column;gap:3px;flex:1}.ct{font-weight:650;color:#1d211c;text-decoration:none}a.ct:hover{text-decoration:underline}' +
      '.cs{margin:0;font-size:13px;color:#5b6358;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}.pr{margin:2px 0 6px;display:flex;gap:8px;align-items:baseline}.now{font-weight:700}.sale{color:#b02a20}s{color:#6b7368;font-size:13px}' +
      '.bts{display:flex;flex-direction:column;gap:6px;margin-top:auto}' +
      '.one .card{flex:1;flex-direction:row}.one .im{flex:0 0 38%;aspect-ratio:auto;min-height:100%}.one .cb{min-width:0}' +
      '.btn{display:block;text-align:center;padding:7px 12px;border-radius:10px;border:1px solid var(--a);background:#fff;color:var(--a);font-weight:600;font-size:13.5px;cursor:pointer;text-decoration:none}' +
      '.btn:hover{background:#f0f3ee}.btn.pri{background:var(--a);color:var(--at)}.btn.pri:hover{filter:brightness(1.08)}' +
      '.qr{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end;margin:8px 0 4px}' +
      '.chip{border:1px solid var(--a);background:#fff;color:var(--a);border-radius:18px;padding:6px 13px;font-size:13.5px;cursor:pointer;text-align:left}.chip:hover{background:var(--a);color:var(--at)}' +
      '.typing{display:flex;padding:10px 14px;margin-top:6px;width:max-content;background:#fff;border:1px solid #e3e7df;border-radius:16px 16px 16px 4px}' +
      '.dots i{display:inline-block;width:7px;height:7px;margin:0 2px;border-radius:50%;background:#8d968a;animation:dot 1.2s infinite}.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}' +
      '@keyframes dot{30%{transform:translateY(-4px);opacity:1}0%,60%,100%{opacity:.4}}' +
      '.form,.consent{margin:10px 0;padding:12px 14px;background:#fff;border:1px solid #e3e7df;border-radius:14px;display:flex;flex-direction:column;gap:8px}' +
      '.form p,.consent p{margin:0;font-size:14px}.consent{flex-direction:row;flex-wrap:wrap}.consent p{flex-basis:100%;font-size:13px;color:#3d443b}.consent .btn{flex:1}' +
      'fieldset{border:0;margin:0;padding:0}legend{padding:0;margin-bottom:4px;font-weight:600}' +
      '.sc{display:flex;flex-wrap:wrap;gap:3px}.sc label{cursor:pointer;min-width:26px;padding:3px 0;text-align:center;border:1px solid #c9cfc5;border-radius:6px;font-size:13px}.sc label:has(:checked){background:var(--a);color:var(--at);border-color:var(--a)}.sc label:has(:focus-visible){outline:3px solid #2d6cdf}.lh{display:flex;justify-content:space-between;font-size:12px!important;color:#5b6358}' +
      '.stars{display:flex;gap:4px}.stars label{cursor:pointer;font-size:30px;line-height:1;color:#c9cfc5}.stars label.on,.stars label:hover{color:#e0a526}.stars label:has(:focus-visible){outline:3px solid #2d6cdf;border-radius:6px}' +
      '.form textarea,.form input[type=email]{width:100%;border:1px solid #c9cfc5;border-radius:10px;padding:8px 10px;resize:vertical}' +
      '.ck{display:flex;gap:8px;font-size:12.5px;color:#3d443b;align-items:flex-start}.ck input{margin-top:3px}.err{color:#b02a20;font-size:13px}.pp{font-size:12px!important;color:#5b6358}.pp a{color:inherit}.err:empty{display:none}' +
      '.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e3e7df;background:#fff}' +
      '.composer textarea{flex:1;resize:none;border:1px solid #c9cfc5;border-radius:20px;padding:9px 14px;max-height:120px;line-height:1.4;background:#fff}.composer textarea:focus{border-color:var(--a);outline:2px solid var(--a);outline-offset:-1px}' +
      '.send{flex:none;width:42px;height:42px;border:0;border-radius:50%;background:var(--a);color:var(--at);cursor:pointer;display:grid;place-items:center}.send svg{width:20px;height:20px;fill:currentColor}' +
      '.ft{margin:0;padding:4px 12px 8px;background:#fff;font-size:11px;color:#6b7368;display:flex;justify-content:space-between}' +
      '.lnk{border:0;background:none;padding:0;font-size:11px;color:#5b6358;text-decoration:underline;cursor:pointer}.mm{font-size:13px;margin:8px 2px}' +
      '.sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
      '@media (max-width:480px){.panel{inset:0;width:auto;height:auto;border-radius:0}.launcher.open{display:none}}' +
      '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}';
    // A constructed sheet also works under a shop's strict style-src CSP; an inline <style> is the fallback.
    try { var s = new CSSStyleSheet(); s.replaceSync(css); sr.adoptedStyleSheets = [s]; } catch (e) { sr.append(h('style', null, [css])); }
  }
  function light(hex) {
    var x = hex.length === 4 ? hex.replace(/(\w)/g, '$1$1') : hex, v = parseInt(x.slice(1), 16);
    return (0.299 * (v >> 16) + 0.587 * (v >> 8 & 255) + 0.114 * (v & 255)) > 160;
  }

  /* ---------- start ---------- */
  function start() {
    mount();
    new MutationObserver(applyLang).observe(d.documentElement, { attributes: true, attributeFilter: ['lang'] });
    w.addEventListener('storage', function (e) {
      if (!e.key || e.key.indexOf(NS) !== 0) return;
      var k = e.key.slice(NS.length);
      if (k === 'outbox') syncOutbox();
      else if (k === 'token' && sock && e.newValue !== sockToken) { lost(); attempt = 0; } // another tab became a new visitor
      else if (k === 'seen') badge();
      else if (k === 'consent') { consent = e.newValue; if (ui) ui.consent.hidden = consent != null; }
    });
    w.addEventListener('online', now);
    // Exit intent (desktop): the pointer leaves through the top of the viewport; once per page, with consent only.
    d.addEventListener('mouseout', function (e) {
      if (!e.relatedTarget && e.clientY <= 0 && !exitSent && !isOpen && consent === '1' && w.matchMedia &&
        w.matchMedia('(hover:hover) and (pointer:fine)').matches) exitSent = API.track('exit_intent', { url: location.href });
    });
    d.addEventListener('visibilitychange', function () {
      titleMark();
      if (d.hidden) return;
      if (wanted) now();
      if (isOpen) markRead();
    });
    // docs/email.md: #causette-resume=TOKEN from an emailed link: taken out of the address (not left in the history
    // or shared further), sent in the next hello instead of this browser's visitor token, and the panel opened.
    var m = /(?:^#|&)causette-resume=([A-Za-z0-9._-]{1,512})/.exec(location.hash);
    if (m) {
      resumeTok = m[1];
      try { history.replaceState(history.state, '', location.href.split('#')[0]); } catch (e) { location.hash = ''; }
    }
    // Lazy: connect now only for a visitor who already talked, has something to send, or agreed to tracking.
    if (resumeTok || get('token') || outbox().length || consent === '1') connect();
    if (resumeTok) open(true); else if (session && get('open', session)) open(true);
    var q = stub && stub.q;
    if (q && q.forEach) q.forEach(function (c) { var f = API[c[0]]; if (f) f.apply(API, [].slice.call(c[1] || [])); });
  }
  if (d.body) start(); else d.addEventListener('DOMContentLoaded', start);
})(window, document);
