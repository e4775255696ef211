// UI strings in French and English. The language comes from the browser, and the header's switch overrides it.

const STRINGS = {
  en: {
    'app.title': 'Causette — staff console',
    'login.heading': 'Sign in to the staff console',
    'login.site': 'Shop', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in',
    'login.invalid': 'Wrong shop, username or password.', 'login.throttled': 'Too many failed attempts. Try again in {s} s.',
    'login.failed': 'Sign-in failed: {msg}', 'login.expired': 'Your session has ended. Please sign in again.',
    'header.presence': 'Status', 'presence.online': 'Online', 'presence.away': 'Away',
    'header.logout': 'Sign out', 'header.language': 'Language', 'header.notifications': 'Enable notifications',
    'header.notificationsOn': 'Notifications on', 'header.sound': 'Sound', 'header.help': 'Keyboard shortcuts',
    'conn.connecting': 'Connecting…', 'conn.online': 'Connected', 'conn.lost': 'Connection lost — reconnecting in {s} s',
    'nav.work': 'Conversations', 'nav.history': 'History', 'nav.report': 'Report', 'nav.label': 'Views',
    'lists.mine': 'My conversations', 'lists.queue': 'Waiting', 'lists.offered': 'Offered to you',
    'lists.emptyMine': 'No conversation for now.', 'lists.emptyQueue': 'Nobody is waiting.',
    'lists.unread.one': '{n} unread message', 'lists.unread.other': '{n} unread messages', 'lists.waiting': 'waiting {t}', 'lists.since': 'since {t}',
    'accept': 'Accept', 'accept.hint': 'Take this conversation',
    'reason.human_request': 'asked for a person', 'reason.complaint': 'complaint', 'reason.order_status': 'order status',
    'reason.transfer': 'transferred', 'reason.no_answer': 'no answer', 'reason.low_confidence': 'not understood',
    'reason.misunderstood': 'bot did not understand', 'reason.escalate': 'FAQ hand-over', 'reason.product_expertise': 'product advice',
    'reason.timeout': 'no reply in time', 'reason.other': 'other', 'reason.unknown': 'unknown', 'reason.handback': 'back to the bot',
    'channel.web': 'Web', 'channel.messenger': 'Messenger', 'channel.whatsapp': 'WhatsApp',
    'state.bot': 'With the bot', 'state.queued': 'Waiting', 'state.assigned': 'In progress', 'state.closed': 'Closed',
    'role.visitor': 'Shopper', 'role.bot': 'Bot', 'role.agent': 'Agent', 'role.ambassador': 'Ambassador', 'role.system': 'Info', 'role.admin': 'Admin',
    'transcript.empty': 'Pick a conversation on the left.', 'transcript.earlier': 'Load earlier messages',
    'transcript.typing': '{name} is typing…', 'transcript.shopper': 'The shopper', 'transcript.internal': 'Internal note',
    'transcript.readOnly': 'Read only: you do not hold this conversation.', 'transcript.seen': 'Seen',
    'transcript.label': 'Messages', 'transcript.sending': 'sending…', 'transcript.failed': 'not sent: {msg}',
    'actions.transfer': 'Transfer', 'actions.handback': 'Back to the bot', 'actions.close': 'Close',
    'actions.closeConfirm': 'Close this conversation?',
    'composer.label': 'Your reply', 'composer.placeholder': 'Write a reply… (/ for canned responses, Enter to send)',
    'composer.placeholderNote': 'Internal note, never sent to the shopper…', 'composer.send': 'Send',
    'composer.note': 'Internal note', 'composer.tooLong': '{n} characters too many',
    'canned.heading': 'Canned responses', 'canned.none': 'No canned response matches.',
    'suggest.heading': "Bot's suggestion", 'suggest.intent': 'Understood as “{intent}” ({pct} %)',
    'suggest.use': 'Use', 'suggest.none': 'The bot did not understand the last question.',
    'suggest.handover': 'The bot would hand this over ({reason}).',
    'transfer.heading': 'Transfer the conversation', 'transfer.toPerson': 'To a person', 'transfer.choose': '— choose —', 'transfer.online': 'online',
    'transfer.toSkill': 'To a skill', 'transfer.submit': 'Transfer', 'transfer.cancel': 'Cancel',
    'transfer.needOne': 'Give either a person or a skill.',
    'context.heading': 'Shopper', 'context.language': 'Language', 'context.locale': 'Locale', 'context.channel': 'Channel',
    'context.verified': 'Verified identity', 'context.unverifiedDetail': 'not verified', 'context.anonymous': 'Anonymous (not verified)', 'context.email': 'Email', 'context.replyEmail': 'Replies by email to',
    'context.userId': 'Customer id', 'context.pages': 'Pages seen', 'context.cart': 'Cart', 'context.past': 'Past conversations',
    'context.startPage': 'Page they wrote from',
    'context.noPages': 'No page recorded (no consent or none yet).', 'context.noCart': 'No cart.', 'context.noPast': 'None.',
    'context.rating': 'Rating', 'context.started': 'Started', 'context.refresh': 'Refresh', 'context.total': 'Total', 'context.unavailable': 'Context unavailable.',
    'customer.heading': 'Customer', 'customer.value': 'Lifetime value', 'customer.purchases': 'Purchases',
    'customer.conversations': 'Conversations', 'customer.others': 'Other conversations (all channels)', 'customer.none': 'None.',
    'history.heading': 'Past conversations', 'history.search': 'Search', 'history.searchPlaceholder': 'Words, name, id…',
    'history.state': 'State', 'history.all': 'All', 'history.more': 'Load more', 'history.none': 'No conversation found.',
    'history.localFilter': 'Searching the latest conversations loaded here (full-text search is not available on this server).',
    'amb.heading': 'Thank you for helping!', 'amb.helped': 'Shoppers helped', 'amb.rating': 'Average rating',
    'amb.ratings.one': '{n} rating', 'amb.ratings.other': '{n} ratings', 'amb.none': 'No rating yet.',
    'report.heading': 'Report', 'report.from': 'From', 'report.to': 'To', 'report.refresh': 'Update',
    'report.conversations': 'Conversations', 'report.containment': 'Containment rate', 'report.handedOver': 'Handed over',
    'report.firstResponse': 'Median first response', 'report.queueWait': 'Median queue wait', 'report.csat': 'Satisfaction (CSAT)',
    'report.conversions': 'Conversions', 'report.leads': 'Leads', 'report.perDay': 'Conversations per day',
    'report.containmentPerDay': 'Containment rate per day', 'report.byReason': 'Hand-overs by reason',
    'report.csatOverTime': 'Satisfaction over time', 'report.topIntents': 'Top intents',
    'report.unanswered': 'Questions the bot did not understand', 'report.noUnanswered': 'The bot understood everything.',
    'report.question': 'Question', 'report.guess': 'Best guess', 'report.when': 'When', 'report.teach': 'Teach the bot',
    'report.taught': 'Taught', 'report.noData': 'No data for this period.', 'report.ratingsCount.one': '{n} rating', 'report.ratingsCount.other': '{n} ratings',
    'report.chartsUnavailable': 'Charts could not be loaded.', 'report.failed': 'The report could not be loaded: {msg}',
    'report.series.conversations': 'Conversations', 'report.series.handedOver': 'Handed over', 'report.series.csat': 'CSAT (1–5)',
    'report.series.containment': 'Contained by the bot (%)', 'report.series.count': 'Questions',
    'report.conversionRate': 'Conversion rate', 'report.window.one': 'purchases within {n} day', 'report.window.other': 'purchases within {n} days', 'report.nps': 'NPS',
    'report.npsDetail': '{p} · {n} · {d}', 'report.promoters.one': '{n} promoter', 'report.promoters.other': '{n} promoters',
    'report.passives.one': '{n} passive', 'report.passives.other': '{n} passives', 'report.detractors.one': '{n} detractor', 'report.detractors.other': '{n} detractors', 'report.byHelper': 'Conversions by who helped',
    'report.helper': 'Who helped', 'report.value': 'Value', 'report.funnel': 'Shoppers who talked with us, then: {c}, {k}, {p}.',
    'report.fCart.one': '{n} updated a cart', 'report.fCart.other': '{n} updated a cart', 'report.fCheckout.one': '{n} checked out',
    'report.fCheckout.other': '{n} checked out', 'report.fBought.one': '{n} bought', 'report.fBought.other': '{n} bought',
    'report.variants': 'Proactive messages (A/B)', 'report.variant': 'Scenario · variant', 'report.shown': 'Shown', 'report.answered': 'Answered',
    'report.answerRate': 'Answer rate', 'report.converted': 'Converted', 'report.conversionRateShort': 'Conversion', 'report.revenue': 'Revenue',
    'report.verdictAnswers': 'Answers vs control', 'report.verdictSales': 'Sales vs control', 'report.control': 'control',
    'report.satisfaction': 'Satisfaction per person and channel', 'report.who': 'Who', 'report.ratings': 'Ratings', 'report.answers': 'Answers',
    'report.channel': 'Channel', 'report.v.notEnough': 'not enough data yet', 'report.v.better': 'better', 'report.v.worse': 'worse',
    'report.v.same': 'no significant difference',
    'nav.leaderboard': 'Leaderboard', 'board.heading': 'Ambassadors’ leaderboard', 'board.rules': 'A 5-star rating earns {c5} points, 4 stars {c4}, a shopper who would recommend us (9–10) {p}.',
    'board.rank': 'Rank', 'board.name': 'Ambassador', 'board.points': 'Points', 'board.helped': 'Helped', 'board.stars5': '5 ★', 'board.stars4': '4 ★',
    'board.promoters': 'Promoters', 'board.me.one': 'You are #{rank} with {n} point.', 'board.me.other': 'You are #{rank} with {n} points.', 'board.meNone': 'Your points show here once you help shoppers.',
    'board.none': 'No ambassador yet.', 'board.failed': 'The leaderboard could not be loaded: {msg}', 'board.you': 'you',
    'report.def.conversations': 'Conversations started in the period, on every channel.',
    'report.def.containment': 'Share of conversations no person joined: the bot handled them alone.',
    'report.def.botAnswered': 'Questions the bot answered with confidence that nothing showed wrong: no request for a person right after, no bad rating right after.',
    'report.def.handedOver': 'Conversations the bot passed to a person (asked for, or the bot let go).',
    'report.def.botHelped': 'Hand-overs where the bot had first answered at least one question well.',
    'report.def.firstResponse': 'Half of the hand-overs got a first word from a person within this time.',
    'report.def.queueWait': 'Half of the shoppers waited in the queue at most this long before a person took them.',
    'report.def.csat': 'Average of the shoppers’ ratings after a conversation (1 to 5 stars).',
    'report.def.conversions': 'Purchases within the attribution window after a conversation, and their value.',
    'report.def.leads': 'Emails shoppers left when nobody could answer.',
    'report.def.conversionRate': 'Share of conversations followed by a purchase within the window.',
    'report.def.nps': 'Promoters (9–10) minus detractors (0–6), in points, from the satisfaction survey.',
    'report.def.chart-reasons': 'Each hand-over under why the bot first let go, kept after transfers and the close.',
    'report.def.chart-containment': 'Each day, the share of that day’s conversations no person joined.',
    'report.botAnswered': 'Questions the bot answered well', 'report.botHelped': 'Bot helped before a person',
    'report.toTeach': 'To teach', 'report.toTeachHint': 'Questions the bot did not understand, and answers it gave that turned out wrong. Similar wordings are one row.',
    'report.why': 'Why', 'report.similar.one': '+{n} similar wording', 'report.similar.other': '+{n} similar wordings',
    'teach.why.unanswered': 'not understood', 'teach.why.asked_for_person': 'asked for a person right after the answer',
    'teach.why.bad_rating': 'bad rating right after the answer', 'teach.why.marked_wrong': 'answer marked wrong',
    'teach.why.marked_wrongBy': 'answer marked wrong by {names}',
    'teach.newName': 'Name of the new answer', 'teach.newNamePlaceholder': 'e.g. Gift wrapping',
    'teach.needName': 'Give the new answer a name.', 'teach.needIntent': 'Choose what the question is about.',
    'teach.phrasings': 'Similar wordings taught along', 'teach.another': 'Another way to ask it (optional)',
    'teach.anotherPlaceholder': 'e.g. the same question in other words',
    'teach.training': 'The bot is relearning…', 'teach.trainingFor': 'The bot is relearning… {s} s',
    'teach.slow': 'the bot is taking long to relearn; look again in a minute',
    'transcript.markWrong': 'Wrong answer', 'transcript.markWrongHint': 'Send this question to the admin’s list of things to teach the bot',
    'transcript.markedWrong': 'Marked wrong: the admin will teach the bot', 'transcript.markWrongFailed': 'Not marked: {msg}',
    'teach.heading': 'Teach the bot', 'teach.question': 'Question', 'teach.asExample': 'Add as an example of an intent',
    'teach.asAnswer': 'New FAQ answer', 'teach.intent': 'Intent', 'teach.newIntent': 'New intent id',
    'teach.answerFr': 'Answer (French)', 'teach.answerEn': 'Answer (English)', 'teach.submit': 'Teach',
    'teach.cancel': 'Cancel', 'teach.done': 'The bot has learned it.', 'teach.failed': 'Not taught: {msg}',
    'teach.doneAs': 'Learned: the bot now understands it as “{intent}”.', 'teach.language': 'Language of the question',
    'teach.needAnswer': 'Write the answer in at least one language.', 'teach.badIntent': 'An intent id is made of a-z, 0-9 and _ (at most 40).',
    'teach.unavailable': 'This server cannot be taught from the console yet.',
    'help.heading': 'Keyboard shortcuts', 'help.close': 'Close',
    'help.nav': 'Previous / next conversation', 'help.send': 'Send', 'help.newline': 'New line', 'help.canned': 'Canned responses (in an empty composer)',
    'help.note': 'Internal note on/off', 'help.accept': 'Accept the longest-waiting conversation', 'help.search': 'Search past conversations',
    'help.escape': 'Close a menu or dialog', 'help.help': 'This help', 'help.composer': 'Go to the composer',
    'notify.assigned': 'New conversation', 'notify.assignedBody': '{name}: {text}',
    'error.generic': 'Something went wrong: {msg}', 'error.not_found': 'Not found: {msg}', 'error.unauthorized': 'Not allowed: {msg}',
    'error.unavailable': 'Unavailable, try again: {msg}', 'error.rate_limited': 'Slow down a little.',
    'unassigned.transferred': 'Conversation transferred.', 'unassigned.handback': 'Conversation handed back to the bot.',
    'unassigned.closed': 'Conversation closed.', 'unassigned.timeout': 'Not answered in time: the conversation went to someone else.', 'unassigned.other': 'Conversation no longer yours.',
    'rating.transcript': 'The shopper rated this conversation', 'rating.comment': '“{text}”',
    'filters.label': 'Filter the conversations', 'filters.show': 'Show', 'filters.all': 'All', 'filters.mine': 'Mine',
    'filters.unassigned': 'Unassigned', 'filters.channel': 'Channel', 'filters.language': 'Language', 'filters.anyChannel': 'Any channel',
    'filters.anyLanguage': 'Any language', 'filters.order': 'Order', 'filters.waitingLongest': 'Longest wait', 'filters.newest': 'Newest',
    'filters.hidden.one': '{n} conversation hidden by the filters', 'filters.hidden.other': '{n} conversations hidden by the filters',
    'header.theme': 'Dark theme', 'header.more': 'Menu', 'nav.back': 'Back to the list', 'nav.backContext': 'Back to the conversation',
    'context.show': 'Shopper', 'intent.id': 'id: {id}',
    'report.variantOf': '{scenario}, variant {variant}',
    'ago.now': 'just now', 'ago.min': '{n} min', 'ago.hour': '{n} h', 'ago.day': '{n} d',
  },
  fr: {
    'app.title': 'Causette — console équipe',
    'login.heading': 'Connexion à la console',
    'login.site': 'Boutique', 'login.username': 'Identifiant', 'login.password': 'Mot de passe', 'login.submit': 'Se connecter',
    'login.invalid': 'Boutique, identifiant ou mot de passe incorrect.', 'login.throttled': 'Trop d’essais manqués. Réessayez dans {s} s.',
    'login.failed': 'Connexion impossible : {msg}', 'login.expired': 'Votre session est terminée. Reconnectez-vous.',
    'header.presence': 'Statut', 'presence.online': 'En ligne', 'presence.away': 'Absent·e',
    'header.logout': 'Se déconnecter', 'header.language': 'Langue', 'header.notifications': 'Activer les notifications',
    'header.notificationsOn': 'Notifications actives', 'header.sound': 'Son', 'header.help': 'Raccourcis clavier',
    'conn.connecting': 'Connexion…', 'conn.online': 'Connecté', 'conn.lost': 'Connexion perdue — nouvel essai dans {s} s',
    'nav.work': 'Conversations', 'nav.history': 'Historique', 'nav.report': 'Rapport', 'nav.label': 'Vues',
    'lists.mine': 'Mes conversations', 'lists.queue': 'En attente', 'lists.offered': 'Proposées',
    'lists.emptyMine': 'Aucune conversation pour l’instant.', 'lists.emptyQueue': 'Personne n’attend.',
    'lists.unread.one': '{n} message non lu', 'lists.unread.other': '{n} messages non lus', 'lists.waiting': 'attend depuis {t}', 'lists.since': 'depuis {t}',
    'accept': 'Prendre', 'accept.hint': 'Prendre cette conversation',
    'reason.human_request': 'demande un conseiller', 'reason.complaint': 'réclamation', 'reason.order_status': 'suivi de commande',
    'reason.transfer': 'transférée', 'reason.no_answer': 'sans réponse', 'reason.low_confidence': 'non comprise',
    'reason.misunderstood': 'le bot n’a pas compris', 'reason.escalate': 'passage prévu (FAQ)', 'reason.product_expertise': 'conseil produit',
    'reason.timeout': 'pas de réponse à temps', 'reason.other': 'autre', 'reason.unknown': 'inconnu', 'reason.handback': 'rendue au bot',
    'channel.web': 'Web', 'channel.messenger': 'Messenger', 'channel.whatsapp': 'WhatsApp',
    'state.bot': 'Avec le bot', 'state.queued': 'En attente', 'state.assigned': 'En cours', 'state.closed': 'Fermée',
    'role.visitor': 'Client·e', 'role.bot': 'Bot', 'role.agent': 'Conseiller', 'role.ambassador': 'Ambassadeur', 'role.system': 'Info', 'role.admin': 'Admin',
    'transcript.empty': 'Choisissez une conversation à gauche.', 'transcript.earlier': 'Messages précédents',
    'transcript.typing': '{name} écrit…', 'transcript.shopper': 'Le client', 'transcript.internal': 'Note interne',
    'transcript.readOnly': 'Lecture seule : vous ne tenez pas cette conversation.', 'transcript.seen': 'Lu',
    'transcript.label': 'Messages', 'transcript.sending': 'envoi…', 'transcript.failed': 'non envoyé : {msg}',
    'actions.transfer': 'Transférer', 'actions.handback': 'Rendre au bot', 'actions.close': 'Clore',
    'actions.closeConfirm': 'Clore cette conversation ?',
    'composer.label': 'Votre réponse', 'composer.placeholder': 'Écrire une réponse… (/ pour les réponses types, Entrée pour envoyer)',
    'composer.placeholderNote': 'Note interne, jamais envoyée au client…', 'composer.send': 'Envoyer',
    'composer.note': 'Note interne', 'composer.tooLong': '{n} caractères de trop',
    'canned.heading': 'Réponses types', 'canned.none': 'Aucune réponse type ne correspond.',
    'suggest.heading': 'Suggestion du bot', 'suggest.intent': 'Compris comme « {intent} » ({pct} %)',
    'suggest.use': 'Utiliser', 'suggest.none': 'Le bot n’a pas compris la dernière question.',
    'suggest.handover': 'Le bot passerait la main ({reason}).',
    'transfer.heading': 'Transférer la conversation', 'transfer.toPerson': 'À une personne', 'transfer.choose': '— choisir —', 'transfer.online': 'en ligne',
    'transfer.toSkill': 'À une compétence', 'transfer.submit': 'Transférer', 'transfer.cancel': 'Annuler',
    'transfer.needOne': 'Indiquez une personne ou une compétence.',
    'context.heading': 'Client·e', 'context.language': 'Langue', 'context.locale': 'Locale', 'context.channel': 'Canal',
    'context.verified': 'Identité vérifiée', 'context.unverifiedDetail': 'non vérifié', 'context.anonymous': 'Anonyme (non vérifié)', 'context.email': 'E-mail', 'context.replyEmail': 'Réponses par e-mail à',
    'context.userId': 'N° client', 'context.pages': 'Pages vues', 'context.cart': 'Panier', 'context.past': 'Conversations passées',
    'context.startPage': 'Page d’où le client écrit',
    'context.noPages': 'Aucune page enregistrée (pas de consentement ou pas encore).', 'context.noCart': 'Pas de panier.', 'context.noPast': 'Aucune.',
    'context.rating': 'Note', 'context.started': 'Début', 'context.refresh': 'Actualiser', 'context.total': 'Total', 'context.unavailable': 'Contexte indisponible.',
    'customer.heading': 'Fiche client', 'customer.value': 'Valeur client', 'customer.purchases': 'Achats',
    'customer.conversations': 'Conversations', 'customer.others': 'Autres conversations (tous canaux)', 'customer.none': 'Aucune.',
    'history.heading': 'Conversations passées', 'history.search': 'Rechercher', 'history.searchPlaceholder': 'Mots, nom, identifiant…',
    'history.state': 'État', 'history.all': 'Toutes', 'history.more': 'Charger plus', 'history.none': 'Aucune conversation trouvée.',
    'history.localFilter': 'Recherche parmi les dernières conversations chargées (la recherche plein texte n’est pas disponible sur ce serveur).',
    'amb.heading': 'Merci pour votre aide !', 'amb.helped': 'Clients aidés', 'amb.rating': 'Note moyenne',
    'amb.ratings.one': '{n} note', 'amb.ratings.other': '{n} notes', 'amb.none': 'Pas encore de note.',
    'report.heading': 'Rapport', 'report.from': 'Du', 'report.to': 'Au', 'report.refresh': 'Mettre à jour',
    'report.conversations': 'Conversations', 'report.containment': 'Taux de résolution par le bot', 'report.handedOver': 'Passées à un humain',
    'report.firstResponse': 'Première réponse (médiane)', 'report.queueWait': 'Attente en file (médiane)', 'report.csat': 'Satisfaction (CSAT)',
    'report.conversions': 'Conversions', 'report.leads': 'Contacts', 'report.perDay': 'Conversations par jour',
    'report.containmentPerDay': 'Résolution par le bot, par jour', 'report.byReason': 'Passages à un humain par motif',
    'report.csatOverTime': 'Satisfaction dans le temps', 'report.topIntents': 'Intentions les plus fréquentes',
    'report.unanswered': 'Questions que le bot n’a pas comprises', 'report.noUnanswered': 'Le bot a tout compris.',
    'report.question': 'Question', 'report.guess': 'Meilleure hypothèse', 'report.when': 'Quand', 'report.teach': 'Apprendre au bot',
    'report.taught': 'Appris', 'report.noData': 'Pas de données sur cette période.', 'report.ratingsCount.one': '{n} note', 'report.ratingsCount.other': '{n} notes',
    'report.chartsUnavailable': 'Les graphiques n’ont pas pu être chargés.', 'report.failed': 'Le rapport n’a pas pu être chargé : {msg}',
    'report.series.conversations': 'Conversations', 'report.series.handedOver': 'Passées à un humain', 'report.series.csat': 'CSAT (1–5)',
    'report.series.containment': 'Résolues par le bot (%)', 'report.series.count': 'Questions',
    'report.conversionRate': 'Taux de conversion', 'report.window.one': 'achats sous {n} jour', 'report.window.other': 'achats sous {n} jours', 'report.nps': 'NPS',
    'report.npsDetail': '{p} · {n} · {d}', 'report.promoters.one': '{n} promoteur', 'report.promoters.other': '{n} promoteurs',
    'report.passives.one': '{n} passif', 'report.passives.other': '{n} passifs', 'report.detractors.one': '{n} détracteur', 'report.detractors.other': '{n} détracteurs', 'report.byHelper': 'Conversions selon qui a aidé',
    'report.helper': 'Qui a aidé', 'report.value': 'Montant', 'report.funnel': 'Clients qui nous ont parlé, ensuite : {c}, {k}, {p}.',
    'report.fCart.one': '{n} a modifié un panier', 'report.fCart.other': '{n} ont modifié un panier', 'report.fCheckout.one': '{n} a commencé à payer',
    'report.fCheckout.other': '{n} ont commencé à payer', 'report.fBought.one': '{n} a acheté', 'report.fBought.other': '{n} ont acheté',
    'report.variants': 'Messages proactifs (A/B)', 'report.variant': 'Scénario · variante', 'report.shown': 'Affichés', 'report.answered': 'Réponses',
    'report.answerRate': 'Taux de réponse', 'report.converted': 'Conversions', 'report.conversionRateShort': 'Conversion', 'report.revenue': 'Chiffre d’affaires',
    'report.verdictAnswers': 'Réponses / contrôle', 'report.verdictSales': 'Ventes / contrôle', 'report.control': 'contrôle',
    'report.satisfaction': 'Satisfaction par personne et par canal', 'report.who': 'Qui', 'report.ratings': 'Notes', 'report.answers': 'Réponses',
    'report.channel': 'Canal', 'report.v.notEnough': 'pas encore assez de données', 'report.v.better': 'meilleure', 'report.v.worse': 'moins bonne',
    'report.v.same': 'pas de différence significative',
    'nav.leaderboard': 'Classement', 'board.heading': 'Classement des ambassadeurs', 'board.rules': 'Une note de 5 étoiles rapporte {c5} points, 4 étoiles {c4}, un client qui nous recommanderait (9–10) {p}.',
    'board.rank': 'Rang', 'board.name': 'Ambassadeur', 'board.points': 'Points', 'board.helped': 'Aidés', 'board.stars5': '5 ★', 'board.stars4': '4 ★',
    'board.promoters': 'Promoteurs', 'board.me.one': 'Vous êtes n° {rank} avec {n} point.', 'board.me.other': 'Vous êtes n° {rank} avec {n} points.', 'board.meNone': 'Vos points s’afficheront ici dès que vous aiderez des clients.',
    'board.none': 'Pas encore d’ambassadeur.', 'board.failed': 'Le classement n’a pas pu être chargé : {msg}', 'board.you': 'vous',
    'report.def.conversations': 'Conversations commencées sur la période, tous canaux confondus.',
    'report.def.containment': 'Part des conversations où aucune personne n’est intervenue : le bot s’en est chargé seul.',
    'report.def.botAnswered': 'Questions auxquelles le bot a répondu avec assurance sans que rien ne la démente : ni demande d’une personne, ni mauvaise note juste après.',
    'report.def.handedOver': 'Conversations que le bot a passées à une personne (demandée, ou le bot a passé la main).',
    'report.def.botHelped': 'Passages à une personne où le bot avait d’abord bien répondu à au moins une question.',
    'report.def.firstResponse': 'La moitié des passages à une personne ont eu une première réponse humaine en moins de ce temps.',
    'report.def.queueWait': 'La moitié des clients ont attendu au plus ce temps dans la file avant d’être pris en charge.',
    'report.def.csat': 'Moyenne des notes données par les clients après une conversation (1 à 5 étoiles).',
    'report.def.conversions': 'Achats dans la fenêtre d’attribution après une conversation, et leur montant.',
    'report.def.leads': 'E-mails laissés par les clients quand personne ne pouvait répondre.',
    'report.def.conversionRate': 'Part des conversations suivies d’un achat dans la fenêtre.',
    'report.def.nps': 'Promoteurs (9–10) moins détracteurs (0–6), en points, d’après l’enquête de satisfaction.',
    'report.def.chart-reasons': 'Chaque passage à une personne sous la raison pour laquelle le bot a passé la main, gardée après transferts et clôture.',
    'report.def.chart-containment': 'Chaque jour, la part des conversations de ce jour où aucune personne n’est intervenue.',
    'report.botAnswered': 'Questions bien traitées par le bot', 'report.botHelped': 'Le bot a aidé avant une personne',
    'report.toTeach': 'À apprendre', 'report.toTeachHint': 'Les questions que le bot n’a pas comprises, et les réponses qu’il a données à tort. Les formulations proches sont regroupées.',
    'report.why': 'Pourquoi', 'report.similar.one': '+{n} formulation proche', 'report.similar.other': '+{n} formulations proches',
    'teach.why.unanswered': 'pas comprise', 'teach.why.asked_for_person': 'a demandé une personne juste après la réponse',
    'teach.why.bad_rating': 'mauvaise note juste après la réponse', 'teach.why.marked_wrong': 'réponse signalée fausse',
    'teach.why.marked_wrongBy': 'réponse signalée fausse par {names}',
    'teach.newName': 'Nom de la nouvelle réponse', 'teach.newNamePlaceholder': 'p. ex. Emballage cadeau',
    'teach.needName': 'Donnez un nom à la nouvelle réponse.', 'teach.needIntent': 'Choisissez le sujet de la question.',
    'teach.phrasings': 'Formulations proches apprises avec', 'teach.another': 'Une autre façon de le demander (facultatif)',
    'teach.anotherPlaceholder': 'p. ex. la même question en d’autres mots',
    'teach.training': 'Le bot réapprend…', 'teach.trainingFor': 'Le bot réapprend… {s} s',
    'teach.slow': 'le bot met du temps à réapprendre ; revenez dans une minute',
    'transcript.markWrong': 'Réponse fausse', 'transcript.markWrongHint': 'Envoyer cette question à la liste de l’admin, pour l’apprendre au bot',
    'transcript.markedWrong': 'Signalée fausse : l’admin l’apprendra au bot', 'transcript.markWrongFailed': 'Pas signalée : {msg}',
    'teach.heading': 'Apprendre au bot', 'teach.question': 'Question', 'teach.asExample': 'Ajouter comme exemple d’une intention',
    'teach.asAnswer': 'Nouvelle réponse de FAQ', 'teach.intent': 'Intention', 'teach.newIntent': 'Identifiant de la nouvelle intention',
    'teach.answerFr': 'Réponse (français)', 'teach.answerEn': 'Réponse (anglais)', 'teach.submit': 'Apprendre',
    'teach.cancel': 'Annuler', 'teach.done': 'Le bot l’a appris.', 'teach.failed': 'Pas appris : {msg}',
    'teach.doneAs': 'Appris : le bot la comprend maintenant comme « {intent} ».', 'teach.language': 'Langue de la question',
    'teach.needAnswer': 'Écrivez la réponse dans au moins une langue.', 'teach.badIntent': 'Un identifiant d’intention : a-z, 0-9 et _ (40 au plus).',
    'teach.unavailable': 'Ce serveur ne peut pas encore apprendre depuis la console.',
    'help.heading': 'Raccourcis clavier', 'help.close': 'Fermer',
    'help.nav': 'Conversation précédente / suivante', 'help.send': 'Envoyer', 'help.newline': 'Nouvelle ligne', 'help.canned': 'Réponses types (zone de saisie vide)',
    'help.note': 'Note interne oui/non', 'help.accept': 'Prendre la conversation qui attend depuis le plus longtemps', 'help.search': 'Rechercher dans l’historique',
    'help.escape': 'Fermer un menu ou une fenêtre', 'help.help': 'Cette aide', 'help.composer': 'Aller à la zone de saisie',
    'notify.assigned': 'Nouvelle conversation', 'notify.assignedBody': '{name} : {text}',
    'error.generic': 'Un problème est survenu : {msg}', 'error.not_found': 'Introuvable : {msg}', 'error.unauthorized': 'Non autorisé : {msg}',
    'error.unavailable': 'Indisponible, réessayez : {msg}', 'error.rate_limited': 'Doucement, trop de messages à la fois.',
    'unassigned.transferred': 'Conversation transférée.', 'unassigned.handback': 'Conversation rendue au bot.',
    'unassigned.closed': 'Conversation fermée.', 'unassigned.timeout': 'Pas de réponse à temps : la conversation est passée à quelqu’un d’autre.', 'unassigned.other': 'Cette conversation ne vous est plus attribuée.',
    'rating.transcript': 'Le client a noté cette conversation', 'rating.comment': '« {text} »',
    'filters.label': 'Filtrer les conversations', 'filters.show': 'Afficher', 'filters.all': 'Toutes', 'filters.mine': 'Les miennes',
    'filters.unassigned': 'Non attribuées', 'filters.channel': 'Canal', 'filters.language': 'Langue', 'filters.anyChannel': 'Tous canaux',
    'filters.anyLanguage': 'Toutes langues', 'filters.order': 'Ordre', 'filters.waitingLongest': 'Plus longue attente', 'filters.newest': 'Plus récentes',
    'filters.hidden.one': '{n} conversation masquée par les filtres', 'filters.hidden.other': '{n} conversations masquées par les filtres',
    'header.theme': 'Thème sombre', 'header.more': 'Menu', 'nav.back': 'Retour à la liste', 'nav.backContext': 'Retour à la conversation',
    'context.show': 'Client·e', 'intent.id': 'id : {id}',
    'report.variantOf': '{scenario}, variante {variant}',
    'ago.now': 'à l’instant', 'ago.min': '{n} min', 'ago.hour': '{n} h', 'ago.day': '{n} j',
  },
};

const KEY = 'causette.console.lang';
let current = pick();
const listeners = [];

function pick() {
  const saved = localStorage.getItem(KEY);
  if (saved && STRINGS[saved]) return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function lang() {
  return current;
}

export function setLang(value) {
  if (!STRINGS[value] || value === current) return;
  current = value;
  localStorage.setItem(KEY, value);
  applyStatic();
  listeners.forEach(fn => fn(value));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** The string for `key`, with {name} placeholders filled from `params`. Unknown keys fall back to English, then the key. */
export function t(key, params = {}) {
  const template = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? ''));
}

/** A key's translation when there is one, or null (for server codes such as hand-over reasons). */
export function tOrNull(key) {
  return STRINGS[current][key] ?? STRINGS.en[key] ?? null;
}

/** Fills elements marked data-i18n (text), data-i18n-placeholder, data-i18n-title and data-i18n-aria-label. */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel)); });
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const sameDay = new Date().toDateString() === d.toDateString();
  return sameDay
    ? d.toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(current, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** How long ago, short: "3 min", "2 h". */
export function ago(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return t('ago.now');
  if (seconds < 3600) return t('ago.min', { n: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('ago.hour', { n: Math.floor(seconds / 3600) });
  return t('ago.day', { n: Math.floor(seconds / 86400) });
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')}`;
}

/** A counted phrase with its plural right for the language (Intl.PluralRules): `key.one`, `key.other`, … */
export function tn(key, n, params = {}) {
  const category = new Intl.PluralRules(current).select(Number(n) || 0);
  const chosen = tOrNull(`${key}.${category}`) !== null ? `${key}.${category}` : `${key}.other`;
  return t(chosen, { ...params, n: formatNumber(Number(n) || 0) });
}

let siteCurrency = null;

/** The shop's currency (site.json `currency`), for amounts that do not carry their own. */
export function setCurrency(code) {
  siteCurrency = /^[A-Z]{3}$/.test(code || '') ? code : null;
}

/** An amount in the shop's currency and the console's language: "4 123,45 €", "€4,123.45". */
export function formatMoney(value, currency = siteCurrency) {
  const amount = Number(value);
  if (value === null || value === undefined || !Number.isFinite(amount)) return '—';
  const code = /^[A-Z]{3}$/.test(currency || '') ? currency : siteCurrency;
  if (code) {
    try { return new Intl.NumberFormat(current, { style: 'currency', currency: code }).format(amount); } catch { /* unknown code */ }
  }
  return new Intl.NumberFormat(current, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

export function formatNumber(n, options) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(current, options).format(n);
}

/** A date input's value for the staff member's own day (not the UTC one, which differs near midnight). */
export function isoDay(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
