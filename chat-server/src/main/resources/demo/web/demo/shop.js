/* Maison Sauge — the Causette demo shop. Plain script, no dependencies.
 * Reads the catalog from /demo/catalog.json, keeps a small cart in localStorage and reports
 * cart and checkout events to the Causette widget when it is present (window.Causette).
 * Every piece of catalog data reaches the page through textContent or setAttribute. */
(function () {
  'use strict';

  var LANG_KEY = 'maison-sauge.lang';
  var CART_KEY = 'maison-sauge.cart';
  var CURRENCY = 'EUR';
  var FREE_SHIPPING_FROM = 300;
  var SHIPPING_FEE = 9.9;

  var STR = {
    fr: {
      skip: 'Aller au contenu',
      announce: 'Livraison offerte dès 300 € · Retours gratuits sous 30 jours · Paiement en 3x ou 4x sans frais',
      cart: 'Panier',
      heroEyebrow: 'Collection hiver · Semaine douce jusqu\u2019à -20 %',
      heroTitle: 'Des meubles simples, faits pour durer.',
      heroLead: 'Fauteuils, canapés, luminaires et linge de maison en matières naturelles, choisis avec soin et livrés chez vous en 48 à 72\u00a0h.',
      heroShop: 'Découvrir la collection',
      heroAsk: 'Une question ? Demandez à Colette',
      heroTag: 'Le best-seller',
      tryLabel: 'Essayez de lui demander :',
      try1: 'Le fauteuil Oslo existe en bleu ?',
      try2: 'Vous livrez en Belgique ?',
      try3: 'Je veux parler à quelqu\u2019un',
      perk1t: 'Livraison 48–72 h', perk1: 'offerte dès 300 €',
      perk2t: 'Retours gratuits', perk2: 'pendant 30 jours',
      perk3t: '3x ou 4x sans frais', perk3: 'dès 200 € d\u2019achat',
      perk4t: 'Showroom à Paris', perk4: '24 rue de Charonne, 11e',
      catalogTitle: 'La collection',
      loading: 'Chargement du catalogue…',
      loadError: 'Le catalogue n\u2019a pas pu être chargé. Réessayez dans un instant.',
      all: 'Tout',
      onSale: 'Promotions',
      productsCount: function (n) { return n + (n > 1 ? ' produits' : ' produit'); },
      noProducts: 'Aucun produit dans cette catégorie.',
      footerAbout: 'Des objets pour la maison, en matières naturelles, pensés pour durer.',
      footerShowroom: 'Showroom',
      footerShowroomHours: 'Mar–sam 10\u00a0h–19\u00a0h · dim 14\u00a0h–18\u00a0h',
      footerService: 'Service client',
      footerServiceHours: 'Par chat avec Colette, et avec notre équipe du lundi au vendredi de 9\u00a0h à 19\u00a0h, le samedi de 10\u00a0h à 18\u00a0h.',
      demoTitle: 'Démo Causette',
      demoText: 'Cette boutique fictive est la démo de Causette, le chatbot et chat en direct open source. Aucune commande n\u2019est réelle.',
      demoConsole: 'Console de l\u2019équipe :',
      demoLogins: 'Identifiants :',
      home: 'Accueil',
      related: 'Vous aimerez aussi',
      notFound: 'Ce produit n\u2019existe pas ou plus.',
      backHome: 'Retour à la collection',
      color: 'Couleur',
      colon: '\u00a0: ',
      size: 'Taille',
      inStock: 'En stock',
      fewLeft: function (n) { return 'Plus que ' + n + ' en stock'; },
      soldOut: 'Épuisé',
      restock: function (d) { return 'Épuisé · retour prévu le ' + d; },
      restockShort: function (d) { return 'retour le ' + d; },
      stockShort: function (n) { return n + ' en stock'; },
      addToCart: 'Ajouter au panier',
      unavailable: 'Indisponible',
      added: function (name) { return '«\u00a0' + name + '\u00a0» a été ajouté au panier'; },
      maxStock: function (n) { return 'Désolé, il n\u2019en reste que ' + n + ' en stock.'; },
      details: 'Caractéristiques',
      reassure1: 'Livraison en 48–72 h, offerte dès 300 €',
      reassure2: 'Retours gratuits pendant 30 jours',
      reassure3: 'Paiement en 3x ou 4x sans frais dès 200 €',
      askProduct: 'Une question sur ce produit ? Demandez à Colette',
      cartTitle: 'Votre panier',
      cartEmpty: 'Votre panier est vide.',
      subtotal: 'Sous-total',
      shipping: 'Livraison',
      free: 'Offerte',
      total: 'Total',
      freeShippingHint: function (amount) { return 'Plus que ' + amount + ' pour la livraison offerte'; },
      checkout: 'Commander',
      close: 'Fermer',
      remove: 'Retirer',
      decrease: 'Diminuer la quantité',
      increase: 'Augmenter la quantité',
      thanksTitle: 'Merci pour votre commande !',
      thanksText: function (id) { return 'Commande ' + id + ' confirmée. C\u2019est une démo : rien n\u2019a été débité et rien ne sera livré.'; },
      continueShopping: 'Continuer mes achats',
      chatUnavailable: 'Le chat n\u2019est pas disponible pour le moment.',
      sale: 'Promo',
      colorsCount: function (n) { return n + ' coloris'; },
      consentText: 'Démo des messages proactifs : autorisez Colette à voir les pages consultées et votre panier. Laissez un article au panier une minute, ou restez 30 secondes sur une fiche produit.',
      consentYes: 'Autoriser',
      consentNo: 'Refuser'
    },
    en: {
      skip: 'Skip to content',
      announce: 'Free delivery from €300 · Free returns within 30 days · Pay in 3 or 4 interest-free instalments',
      cart: 'Cart',
      heroEyebrow: 'Winter collection · Gentle Week up to 20% off',
      heroTitle: 'Simple furniture, made to last.',
      heroLead: 'Armchairs, sofas, lighting and bed linen in natural materials, chosen with care and delivered to your door in 48 to 72 hours.',
      heroShop: 'Discover the collection',
      heroAsk: 'A question? Ask Colette',
      heroTag: 'Best-seller',
      tryLabel: 'Try asking her:',
      try1: 'Does the Oslo armchair come in blue?',
      try2: 'Do you deliver to Belgium?',
      try3: 'I\u2019d like to talk to someone',
      perk1t: '48–72 h delivery', perk1: 'free from €300',
      perk2t: 'Free returns', perk2: 'within 30 days',
      perk3t: 'Pay in 3 or 4', perk3: 'interest-free from €200',
      perk4t: 'Showroom in Paris', perk4: '24 rue de Charonne, 11th',
      catalogTitle: 'The collection',
      loading: 'Loading the catalogue…',
      loadError: 'The catalogue could not be loaded. Please try again in a moment.',
      all: 'All',
      onSale: 'On sale',
      productsCount: function (n) { return n + (n > 1 ? ' products' : ' product'); },
      noProducts: 'No products in this category.',
      footerAbout: 'Things for the home, in natural materials, designed to last.',
      footerShowroom: 'Showroom',
      footerShowroomHours: 'Tue–Sat 10am–7pm · Sun 2pm–6pm',
      footerService: 'Customer service',
      footerServiceHours: 'Chat with Colette any time, and with our team Monday to Friday 9am–7pm, Saturday 10am–6pm.',
      demoTitle: 'Causette demo',
      demoText: 'This made-up shop is the demo of Causette, the open-source chatbot and live chat. No order is real.',
      demoConsole: 'Staff console:',
      demoLogins: 'Logins:',
      home: 'Home',
      related: 'You may also like',
      notFound: 'This product does not exist (any more).',
      backHome: 'Back to the collection',
      color: 'Colour',
      colon: ': ',
      size: 'Size',
      inStock: 'In stock',
      fewLeft: function (n) { return 'Only ' + n + ' left'; },
      soldOut: 'Sold out',
      restock: function (d) { return 'Sold out · back on ' + d; },
      restockShort: function (d) { return 'back ' + d; },
      stockShort: function (n) { return n + ' in stock'; },
      addToCart: 'Add to cart',
      unavailable: 'Unavailable',
      added: function (name) { return '\u201c' + name + '\u201d was added to your cart'; },
      maxStock: function (n) { return 'Sorry, only ' + n + ' left in stock.'; },
      details: 'Details',
      reassure1: 'Delivered in 48–72 h, free from €300',
      reassure2: 'Free returns within 30 days',
      reassure3: 'Pay in 3 or 4 interest-free instalments from €200',
      askProduct: 'A question about this product? Ask Colette',
      cartTitle: 'Your cart',
      cartEmpty: 'Your cart is empty.',
      subtotal: 'Subtotal',
      shipping: 'Delivery',
      free: 'Free',
      total: 'Total',
      freeShippingHint: function (amount) { return amount + ' more for free delivery'; },
      checkout: 'Checkout',
      close: 'Close',
      remove: 'Remove',
      decrease: 'Decrease quantity',
      increase: 'Increase quantity',
      thanksTitle: 'Thank you for your order!',
      thanksText: function (id) { return 'Order ' + id + ' confirmed. This is a demo: nothing was charged and nothing will be delivered.'; },
      continueShopping: 'Continue shopping',
      chatUnavailable: 'The chat is not available right now.',
      sale: 'Sale',
      colorsCount: function (n) { return n + (n > 1 ? ' colours' : ' colour'); },
      consentText: 'Proactive messages demo: let Colette see the pages you visit and your cart. Leave an item in your cart for a minute, or stay 30 seconds on a product page.',
      consentYes: 'Allow',
      consentNo: 'Decline'
    }
  };

  var CATEGORIES = [
    ['fauteuils', 'Fauteuils', 'Armchairs'],
    ['canapes', 'Canapés', 'Sofas'],
    ['luminaires', 'Luminaires', 'Lighting'],
    ['tapis', 'Tapis', 'Rugs'],
    ['tables', 'Tables', 'Tables'],
    ['chaises', 'Chaises', 'Chairs'],
    ['linge-de-lit', 'Linge de lit', 'Bed linen'],
    ['deco', 'Déco', 'Decor'],
    ['coussins', 'Coussins', 'Cushions'],
    ['rangement', 'Rangement', 'Storage']
  ];

  var COLORS = {
    'gris': ['#8f8d88', 'grey'], 'bleu': ['#4d6b8a', 'blue'], 'vert sauge': ['#93a88a', 'sage green'],
    'terracotta': ['#c0694a', 'terracotta'], 'naturel': ['#cfb48c', 'natural'], 'noir': ['#3a3633', 'black'],
    'blanc': ['#f7f3ec', 'white'], 'beige': ['#dcc8aa', 'beige'], 'moutarde': ['#d1a13b', 'mustard'],
    'rose poudré': ['#e2b1a6', 'powder pink'], 'chêne clair': ['#c9a26f', 'light oak'], 'noyer': ['#7a5236', 'walnut'],
    'doré': ['#c9a45c', 'brass']
  };

  // attribute key -> [French label, English label, unit]
  var ATTR_LABELS = {
    'matière': ['Matière', 'Material'], 'revêtement': ['Revêtement', 'Upholstery'], 'assise': ['Assise', 'Seat'],
    'places': ['Places', 'Seats'], 'largeur_cm': ['Largeur', 'Width', 'cm'], 'hauteur_cm': ['Hauteur', 'Height', 'cm'],
    'profondeur_cm': ['Profondeur', 'Depth', 'cm'], 'hauteur_assise_cm': ['Hauteur d\u2019assise', 'Seat height', 'cm'],
    'longueur_cm': ['Longueur', 'Length', 'cm'], 'diametre_cm': ['Diamètre', 'Diameter', 'cm'],
    'garantie_ans': ['Garantie', 'Warranty', 'ans|years'], 'culot': ['Culot', 'Bulb fitting'],
    'ampoule_incluse': ['Ampoule incluse', 'Bulb included'], 'épaisseur_mm': ['Épaisseur', 'Thickness', 'mm'],
    'fabrication': ['Fabrication', 'Making'], 'entretien': ['Entretien', 'Care'],
    'grammage_g_m2': ['Grammage', 'Weight', 'g/m²'], 'origine': ['Fabriqué en', 'Made in'],
    'dimensions_cm': ['Dimensions', 'Dimensions', 'cm'], 'garnissage': ['Garnissage', 'Filling'],
    'déhoussable': ['Housse amovible', 'Removable cover']
  };

  // English for the French attribute values used in the catalog (shown as-is when missing)
  var VALUES_EN = {
    'chêne massif': 'solid oak', 'hêtre massif': 'solid beech', 'frêne massif': 'solid ash', 'pin massif': 'solid pine',
    'hêtre courbé': 'bentwood beech', 'rotin naturel': 'natural rattan', 'tissu bouclé': 'bouclé fabric',
    'velours côtelé': 'corduroy velvet', 'laine feutrée': 'felted wool', 'coussin en lin': 'linen cushion',
    'lin lavé': 'washed linen', 'velours': 'velvet', 'tissu chiné': 'heathered fabric',
    'métal laqué et lin': 'lacquered metal and linen', 'céramique émaillée': 'glazed ceramic',
    'laiton brossé': 'brushed brass', 'verre opalin': 'opal glass', 'laine': 'wool', 'jute': 'jute',
    'laine et coton': 'wool and cotton', 'coton': 'cotton', 'tissé main': 'hand-woven', 'tressé main': 'hand-braided',
    'tissé plat': 'flat-woven', 'tufté main': 'hand-tufted',
    'aspiration régulière, nettoyage professionnel': 'vacuum regularly, professional cleaning',
    'aspiration, détacher à sec': 'vacuum, dry spot-clean', 'aspiration, lavable en pressing': 'vacuum, dry-cleanable',
    'lavable à 30 °C': 'machine washable at 30 °C', 'lavable à 40 °C': 'machine washable at 40 °C',
    'lavable à 60 °C': 'machine washable at 60 °C', 'lavage à la main': 'hand wash',
    'terrazzo et métal': 'terrazzo and metal', 'bois': 'wood', 'métal et chêne': 'metal and oak',
    'cannage': 'cane', 'percale de coton bio': 'organic cotton percale', "laine d'agneau": 'lambswool',
    'grès': 'stoneware', 'céramique': 'ceramic', 'laiton et verre': 'brass and glass', 'velours de coton': 'cotton velvet',
    'coton tissé': 'woven cotton', 'plumes': 'feathers', 'fibres recyclées': 'recycled fibres', 'osier': 'wicker',
    'chêne et métal': 'oak and metal', 'oui': 'yes', 'non': 'no', 'France': 'France', 'Portugal': 'Portugal',
    'Espagne': 'Spain'
  };

  /* ---------- small helpers ---------- */

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* private mode: keep going without persistence */ }
    return null;
  }

  var lang = store(LANG_KEY) === 'en' ? 'en' : 'fr';

  function t(key) {
    var v = STR[lang][key];
    if (v === undefined) v = STR.fr[key];
    if (typeof v === 'function') return v.apply(null, Array.prototype.slice.call(arguments, 1));
    return v === undefined ? key : v;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else if (k === 'onclick') node.addEventListener('click', v);
        else if (k === 'background') node.style.backgroundColor = v; // CSSOM: fine under a strict CSP
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function money(n) {
    var locale = lang === 'fr' ? 'fr-FR' : 'en-IE';
    var whole = Math.round(n * 100) % 100 === 0;
    try {
      return new Intl.NumberFormat(locale, {
        style: 'currency', currency: CURRENCY,
        minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2
      }).format(n);
    } catch (e) {
      return n.toFixed(whole ? 0 : 2) + ' €';
    }
  }

  function formatDate(iso) {
    var d = new Date(iso + 'T12:00:00');
    if (isNaN(d.getTime())) return iso;
    try {
      return d.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    } catch (e) { return iso; }
  }

  function productHref(sku) { return '/product.html?sku=' + encodeURIComponent(sku); }

  function safeImage(url) {
    return typeof url === 'string' && (/^\/[^\/]/.test(url) || /^https:\/\//.test(url)) ? url : '/favicon.svg';
  }

  function categoryLabel(slug) {
    for (var i = 0; i < CATEGORIES.length; i++) {
      if (CATEGORIES[i][0] === slug) return CATEGORIES[i][lang === 'fr' ? 1 : 2];
    }
    return slug;
  }

  function colorName(c) {
    if (!c) return '';
    if (lang === 'en' && COLORS[c]) return COLORS[c][1];
    return c;
  }

  function colorHex(c) { return COLORS[c] ? COLORS[c][0] : '#d8cfc2'; }

  function describe(p) {
    var d = p.description || {};
    if (typeof d === 'string') return d;
    return d[lang] || d.fr || d.en || '';
  }

  function effectivePrice(p) {
    return typeof p.salePrice === 'number' && p.salePrice < p.price ? p.salePrice : p.price;
  }

  function onSale(p) { return typeof p.salePrice === 'number' && p.salePrice < p.price; }

  function uniq(list) {
    var out = [];
    list.forEach(function (x) { if (x !== null && x !== undefined && out.indexOf(x) < 0) out.push(x); });
    return out;
  }

  function causette() {
    return window.Causette && typeof window.Causette === 'object' ? window.Causette : null;
  }

  function track(name, data) {
    var c = causette();
    if (c && typeof c.track === 'function') {
      try { c.track(name, data); } catch (e) { /* never break the shop because of the widget */ }
    }
  }

  var toastTimer = null;
  function toast(message) {
    var box = document.getElementById('toast');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 3200);
  }

  function openChat() {
    var c = causette();
    if (c && typeof c.open === 'function') {
      try { c.open(); return; } catch (e) { /* fall through */ }
    }
    toast(t('chatUnavailable'));
  }

  function priceBlock(p, big) {
    var box = el('p', { className: 'price' + (big ? ' price-big' : '') });
    if (onSale(p)) {
      box.appendChild(el('span', { className: 'price-now price-sale', text: money(p.salePrice) }));
      box.appendChild(document.createTextNode(' '));
      box.appendChild(el('s', { className: 'price-old', text: money(p.price) }));
      var pct = Math.round((1 - p.salePrice / p.price) * 100);
      box.appendChild(el('span', { className: 'price-off', text: '-' + pct + '\u00a0%' }));
    } else {
      box.appendChild(el('span', { className: 'price-now', text: money(p.price) }));
    }
    return box;
  }

  function stockInfo(v) {
    if (!v) return { cls: 'out', text: t('soldOut') };
    if (v.stock > 5) return { cls: 'in', text: t('inStock') };
    if (v.stock > 0) return { cls: 'low', text: t('fewLeft', v.stock) };
    if (v.restockDate) return { cls: 'out', text: t('restock', formatDate(v.restockDate)) };
    return { cls: 'out', text: t('soldOut') };
  }

  /* ---------- catalog ---------- */

  var catalog = null;

  function loadCatalog() {
    return fetch('/demo/catalog.json', { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (data) {
        catalog = (data && Array.isArray(data.products)) ? data.products.filter(function (p) {
          return p && typeof p.sku === 'string' && typeof p.price === 'number';
        }) : [];
        return catalog;
      });
  }

  function findProduct(sku) {
    if (!catalog || !sku) return null;
    var want = String(sku).toUpperCase();
    for (var i = 0; i < catalog.length; i++) if (catalog[i].sku.toUpperCase() === want) return catalog[i];
    return null;
  }

  function card(p) {
    var variants = Array.isArray(p.variants) ? p.variants : [];
    var colors = uniq(variants.map(function (v) { return v.color; }));
    var img = el('div', { className: 'card-img' }, [
      el('img', { src: safeImage(p.imageUrl), alt: p.name, width: 320, height: 240, loading: 'lazy' })
    ]);
    if (onSale(p)) img.appendChild(el('span', { className: 'badge', text: t('sale') }));
    var swatches = el('span', { className: 'swatches', 'aria-label': t('colorsCount', colors.length) },
      colors.map(function (c) {
        return el('span', { className: 'swatch', title: colorName(c), background: colorHex(c) });
      }));
    var body = el('div', { className: 'card-body' }, [
      el('p', { className: 'card-cat', text: categoryLabel(p.category) }),
      el('h3', { className: 'card-title', text: p.name }),
      el('div', { className: 'card-foot' }, [priceBlock(p, false), colors.length ? swatches : null])
    ]);
    return el('li', { className: 'card' }, [el('a', { href: productHref(p.sku), className: 'card-link' }, [img, body])]);
  }

  /* ---------- home page ---------- */

  var activeFilter = 'all';

  function readFilter() {
    var h = decodeURIComponent((location.hash || '').replace(/^#/, ''));
    if (h === 'promo') return 'promo';
    for (var i = 0; i < CATEGORIES.length; i++) if (CATEGORIES[i][0] === h) return h;
    return 'all';
  }

  function renderHome() {
    var grid = document.getElementById('grid');
    var filters = document.getElementById('filters');
    var status = document.getElementById('status');
    if (!grid || !filters) return;
    if (!catalog) return;
    status.hidden = true;

    var present = CATEGORIES.filter(function (c) {
      return catalog.some(function (p) { return p.category === c[0]; });
    });
    var options = [['all', t('all')]].concat(present.map(function (c) { return [c[0], categoryLabel(c[0])]; }));
    if (catalog.some(onSale)) options.push(['promo', t('onSale')]);

    clear(filters);
    options.forEach(function (o) {
      filters.appendChild(el('button', {
        type: 'button', className: 'chip' + (o[0] === 'promo' ? ' chip-sale' : ''),
        'aria-pressed': o[0] === activeFilter ? 'true' : 'false',
        onclick: function () {
          activeFilter = o[0];
          if (history.replaceState) history.replaceState(null, '', o[0] === 'all' ? location.pathname : '#' + o[0]);
          renderHome();
        }
      }, [o[1]]));
    });

    var list = catalog.filter(function (p) {
      if (activeFilter === 'all') return true;
      if (activeFilter === 'promo') return onSale(p);
      return p.category === activeFilter;
    });
    clear(grid);
    list.forEach(function (p) { grid.appendChild(card(p)); });
    document.getElementById('catalog-count').textContent = t('productsCount', list.length);
    if (!list.length) { status.textContent = t('noProducts'); status.hidden = false; }
  }

  /* ---------- product page ---------- */

  var selection = { color: null, size: null };
  var currentSku = null;

  function currentVariant(p) {
    var vs = p.variants || [];
    for (var i = 0; i < vs.length; i++) {
      if ((vs[i].color || null) === selection.color && (vs[i].size || null) === selection.size) return vs[i];
    }
    return null;
  }

  function chooseDefault(p) {
    var vs = p.variants || [];
    var pick = vs.filter(function (v) { return v.stock > 0; })[0] || vs[0];
    selection = { color: pick ? (pick.color || null) : null, size: pick ? (pick.size || null) : null };
  }

  function selectColor(p, color) {
    var vs = p.variants || [];
    var same = vs.filter(function (v) { return v.color === color && (v.size || null) === selection.size; })[0];
    var any = same || vs.filter(function (v) { return v.color === color && v.stock > 0; })[0] ||
      vs.filter(function (v) { return v.color === color; })[0];
    if (any) selection = { color: any.color || null, size: any.size || null };
    renderProduct();
  }

  function selectSize(p, size) {
    var vs = p.variants || [];
    var same = vs.filter(function (v) { return v.size === size && (v.color || null) === selection.color; })[0];
    var any = same || vs.filter(function (v) { return v.size === size; })[0];
    if (any) selection = { color: any.color || null, size: any.size || null };
    renderProduct();
  }

  function optionNote(v) {
    if (!v) return '';
    if (v.stock > 0) return t('stockShort', v.stock);
    if (v.restockDate) return t('restockShort', formatDate(v.restockDate));
    return t('soldOut');
  }

  function attrValue(key, value) {
    var label = ATTR_LABELS[key];
    var unit = label && label[2] ? label[2] : '';
    if (unit.indexOf('|') >= 0) unit = unit.split('|')[lang === 'fr' ? 0 : 1];
    var text = String(value);
    if (typeof value === 'string' && lang === 'en' && VALUES_EN[value]) text = VALUES_EN[value];
    if (typeof value === 'boolean') text = value ? (lang === 'fr' ? 'oui' : 'yes') : (lang === 'fr' ? 'non' : 'no');
    if (typeof value === 'number' && lang === 'fr') text = String(value).replace('.', ',');
    if (unit && key === 'dimensions_cm') text = text.replace('x', ' × ');
    return unit ? text + '\u00a0' + unit : text;
  }

  function attrLabel(key) {
    var label = ATTR_LABELS[key];
    if (label) return label[lang === 'fr' ? 0 : 1];
    var s = key.replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function renderProduct() {
    var status = document.getElementById('status');
    var box = document.getElementById('product');
    var crumb = document.getElementById('breadcrumb');
    if (!box || !catalog) return;
    var p = findProduct(currentSku);
    clear(crumb);
    crumb.appendChild(el('a', { href: '/', text: t('home') }));
    if (!p) {
      box.hidden = true;
      document.getElementById('related').hidden = true;
      clear(status);
      status.appendChild(document.createTextNode(t('notFound') + ' '));
      status.appendChild(el('a', { href: '/', text: t('backHome') }));
      status.hidden = false;
      return;
    }
    status.hidden = true;
    document.title = p.name + ' — Maison Sauge';
    crumb.appendChild(el('span', { 'aria-hidden': 'true', text: ' / ' }));
    crumb.appendChild(el('a', { href: '/#' + encodeURIComponent(p.category), text: categoryLabel(p.category) }));
    crumb.appendChild(el('span', { 'aria-hidden': 'true', text: ' / ' }));
    crumb.appendChild(el('span', { 'aria-current': 'page', text: p.name }));

    var vs = Array.isArray(p.variants) ? p.variants : [];
    if (!currentVariant(p) && vs.length) chooseDefault(p);
    var v = currentVariant(p);

    clear(box);
    var media = el('div', { className: 'product-media' }, [
      el('img', { src: safeImage(p.imageUrl), alt: p.name, width: 640, height: 480 })
    ]);
    if (onSale(p)) media.appendChild(el('span', { className: 'badge', text: t('sale') }));

    var info = el('div', { className: 'product-info' }, [
      el('p', { className: 'card-cat', text: categoryLabel(p.category) }),
      el('h1', { text: p.name }),
      priceBlock(p, true),
      el('p', { className: 'product-desc', text: describe(p) })
    ]);

    // colour selector
    var colors = uniq(vs.map(function (x) { return x.color; }));
    if (colors.length) {
      var legend = el('legend', {}, [t('color') + t('colon'), el('strong', { text: colorName(selection.color) })]);
      var group = el('fieldset', { className: 'options' }, [legend]);
      colors.forEach(function (c) {
        var candidate = vs.filter(function (x) { return x.color === c && (x.size || null) === selection.size; })[0] ||
          vs.filter(function (x) { return x.color === c; })[0];
        group.appendChild(el('button', {
          type: 'button', className: 'option' + (candidate && candidate.stock <= 0 ? ' option-out' : ''),
          'aria-pressed': c === selection.color ? 'true' : 'false',
          onclick: function () { selectColor(p, c); }
        }, [
          el('span', { className: 'swatch swatch-lg', background: colorHex(c), 'aria-hidden': 'true' }),
          el('span', { className: 'option-text' }, [
            el('span', { className: 'option-name', text: colorName(c) }),
            el('span', { className: 'option-note', text: optionNote(candidate) })
          ])
        ]));
      });
      info.appendChild(group);
    }

    // size selector
    var sizes = uniq(vs.map(function (x) { return x.size; }));
    if (sizes.length) {
      var sgroup = el('fieldset', { className: 'options' }, [
        el('legend', {}, [t('size') + t('colon'), el('strong', { text: (selection.size || '').replace(/x/, ' × ') })])
      ]);
      sizes.forEach(function (s) {
        var match = vs.filter(function (x) { return x.size === s && (x.color || null) === selection.color; })[0];
        sgroup.appendChild(el('button', {
          type: 'button', className: 'option option-size' + (!match || match.stock <= 0 ? ' option-out' : ''),
          'aria-pressed': s === selection.size ? 'true' : 'false',
          onclick: function () { selectSize(p, s); }
        }, [
          el('span', { className: 'option-text' }, [
            el('span', { className: 'option-name', text: s.replace(/x/, ' × ') }),
            el('span', { className: 'option-note', text: match ? optionNote(match) : (lang === 'fr' ? 'autre coloris' : 'other colour') })
          ])
        ]));
      });
      info.appendChild(sgroup);
    }

    var st = stockInfo(v);
    info.appendChild(el('p', { className: 'stock stock-' + st.cls }, [el('span', { className: 'dot', 'aria-hidden': 'true' }), st.text]));

    var canBuy = v ? v.stock > 0 : vs.length === 0;
    info.appendChild(el('div', { className: 'buy' }, [
      el('button', {
        type: 'button', className: 'btn btn-primary btn-wide', disabled: !canBuy,
        onclick: function () { addToCart(p, v); }
      }, [canBuy ? t('addToCart') : t('unavailable')]),
      el('button', { type: 'button', className: 'btn btn-ghost btn-wide', onclick: openChat }, [t('askProduct')])
    ]));

    info.appendChild(el('ul', { className: 'reassure' }, [
      el('li', { text: t('reassure1') }), el('li', { text: t('reassure2') }), el('li', { text: t('reassure3') })
    ]));

    var attrs = p.attributes && typeof p.attributes === 'object' ? Object.keys(p.attributes) : [];
    if (attrs.length) {
      var rows = attrs.map(function (k) {
        return el('tr', {}, [el('th', { scope: 'row', text: attrLabel(k) }), el('td', { text: attrValue(k, p.attributes[k]) })]);
      });
      info.appendChild(el('section', { className: 'details' }, [
        el('h2', { text: t('details') }),
        el('table', { className: 'attrs' }, [el('tbody', {}, rows)])
      ]));
    }

    box.appendChild(media);
    box.appendChild(info);
    box.hidden = false;

    var related = (p.related || []).map(findProduct).filter(Boolean);
    var rel = document.getElementById('related');
    var relGrid = document.getElementById('related-grid');
    clear(relGrid);
    related.forEach(function (r) { relGrid.appendChild(card(r)); });
    rel.hidden = related.length === 0;
  }

  /* ---------- cart ---------- */

  function readCart() {
    try {
      var raw = JSON.parse(store(CART_KEY) || '[]');
      return Array.isArray(raw) ? raw.filter(function (i) {
        return i && typeof i.sku === 'string' && typeof i.price === 'number' && i.quantity > 0;
      }) : [];
    } catch (e) { return []; }
  }

  function writeCart(items) {
    store(CART_KEY, JSON.stringify(items));
    updateCartCount();
    if (!document.getElementById('cart-panel').hidden) renderCart();
  }

  function cartTotals(items) {
    var subtotal = items.reduce(function (s, i) { return s + i.price * i.quantity; }, 0);
    subtotal = Math.round(subtotal * 100) / 100;
    var shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
    return { subtotal: subtotal, shipping: shipping, total: Math.round((subtotal + shipping) * 100) / 100 };
  }

  function trackCart(items) {
    track('cart_update', {
      items: items.map(function (i) {
        return { sku: i.sku, productSku: i.productSku, name: i.name, quantity: i.quantity, price: i.price };
      }),
      value: cartTotals(items).subtotal,
      currency: CURRENCY
    });
  }

  function addToCart(p, v) {
    var items = readCart();
    var sku = v ? v.sku : p.sku;
    var existing = items.filter(function (i) { return i.sku === sku; })[0];
    if (existing && v && existing.quantity >= v.stock) {
      toast(t('maxStock', v.stock));
      return;
    }
    if (existing) existing.quantity += 1;
    else items.push({
      sku: sku, productSku: p.sku, name: p.name, color: v ? v.color || null : null, size: v ? v.size || null : null,
      price: effectivePrice(p), quantity: 1, imageUrl: p.imageUrl
    });
    writeCart(items);
    trackCart(items);
    toast(t('added', p.name));
  }

  function variantStock(item) {
    var p = findProduct(item.productSku);
    var v = p && (p.variants || []).filter(function (x) { return x.sku === item.sku; })[0];
    return v && typeof v.stock === 'number' ? v.stock : Infinity;
  }

  function changeQuantity(sku, delta) {
    var items = readCart();
    var blocked = false;
    items.forEach(function (i) {
      if (i.sku !== sku) return;
      if (delta > 0 && i.quantity + delta > variantStock(i)) { blocked = true; return; }
      i.quantity += delta;
    });
    if (blocked) { toast(t('maxStock', variantStock(items.filter(function (i) { return i.sku === sku; })[0]))); return; }
    items = items.filter(function (i) { return i.quantity > 0; });
    writeCart(items);
    trackCart(items);
  }

  function updateCartCount() {
    var n = readCart().reduce(function (s, i) { return s + i.quantity; }, 0);
    var badge = document.getElementById('cart-count');
    if (badge) {
      badge.textContent = String(n);
      badge.classList.toggle('cart-count-empty', n === 0);
    }
  }

  var lastOrder = null;

  function renderCart() {
    var panel = document.getElementById('cart-panel');
    clear(panel);
    var head = el('div', { className: 'cart-head' }, [
      el('h2', { id: 'cart-title', tabindex: '-1', text: lastOrder ? t('thanksTitle') : t('cartTitle') }),
      el('button', { type: 'button', className: 'icon-btn', 'aria-label': t('close'), onclick: toggleCart }, ['\u00d7'])
    ]);
    panel.appendChild(head);

    if (lastOrder) {
      panel.appendChild(el('p', { className: 'thanks', text: t('thanksText', lastOrder) }));
      panel.appendChild(el('button', {
        type: 'button', className: 'btn btn-primary btn-wide',
        onclick: function () { lastOrder = null; toggleCart(); }
      }, [t('continueShopping')]));
      return;
    }

    var items = readCart();
    if (!items.length) {
      panel.appendChild(el('p', { className: 'muted', text: t('cartEmpty') }));
      return;
    }
    var list = el('ul', { className: 'cart-items' });
    items.forEach(function (i) {
      var variantText = [colorName(i.color), i.size].filter(Boolean).join(' · ');
      list.appendChild(el('li', { className: 'cart-item' }, [
        el('img', { src: safeImage(i.imageUrl), alt: '', width: 64, height: 48 }),
        el('div', { className: 'cart-item-main' }, [
          el('a', { href: productHref(i.productSku || i.sku), className: 'cart-item-name', text: i.name }),
          variantText ? el('span', { className: 'muted small', text: variantText }) : null,
          el('span', { className: 'qty' }, [
            el('button', { type: 'button', className: 'qty-btn', 'aria-label': t('decrease'), onclick: function () { changeQuantity(i.sku, -1); } }, ['\u2212']),
            el('span', { className: 'qty-n', text: String(i.quantity) }),
            el('button', { type: 'button', className: 'qty-btn', 'aria-label': t('increase'), onclick: function () { changeQuantity(i.sku, 1); } }, ['+'])
          ])
        ]),
        el('span', { className: 'cart-item-price', text: money(i.price * i.quantity) })
      ]));
    });
    panel.appendChild(list);

    var totals = cartTotals(items);
    var rows = el('dl', { className: 'totals' }, [
      el('dt', { text: t('subtotal') }), el('dd', { text: money(totals.subtotal) }),
      el('dt', { text: t('shipping') }), el('dd', { text: totals.shipping ? money(totals.shipping) : t('free') }),
      el('dt', { className: 'total', text: t('total') }), el('dd', { className: 'total', text: money(totals.total) })
    ]);
    panel.appendChild(rows);
    if (totals.subtotal < FREE_SHIPPING_FROM) {
      panel.appendChild(el('p', { className: 'hint', text: t('freeShippingHint', money(FREE_SHIPPING_FROM - totals.subtotal)) }));
    }
    panel.appendChild(el('button', { type: 'button', className: 'btn btn-primary btn-wide', onclick: checkout }, [t('checkout')]));
  }

  function checkout() {
    var items = readCart();
    if (!items.length) return;
    var totals = cartTotals(items);
    var lines = items.map(function (i) {
      return { sku: i.sku, productSku: i.productSku, name: i.name, quantity: i.quantity, price: i.price };
    });
    track('checkout', { items: lines, value: totals.total, currency: CURRENCY });
    var orderId = 'MS-' + Date.now().toString(36).toUpperCase() + '-' + Math.floor(Math.random() * 1296).toString(36).toUpperCase();
    track('purchase', { value: totals.total, currency: CURRENCY, orderId: orderId, items: lines });
    lastOrder = orderId;
    store(CART_KEY, '[]');
    trackCart([]);
    updateCartCount();
    renderCart();
  }

  function toggleCart() {
    var panel = document.getElementById('cart-panel');
    var button = document.getElementById('cart-button');
    var open = panel.hidden;
    if (open) renderCart();
    else lastOrder = null;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      var title = document.getElementById('cart-title');
      if (title) title.focus();
    }
  }

  /* ---------- consent, for the proactive messages demo (docs/marketing.md) ---------- */

  var CONSENT_KEY = 'causette:demo:consent'; // where the widget keeps the shopper's choice

  // Proactive messages on pages and carts need the shopper's consent: the demo asks for it up front, plainly.
  function consentBar() {
    var old = document.getElementById('consent-bar');
    if (old) old.parentNode.removeChild(old);
    if (store(CONSENT_KEY) !== null) return;
    function choose(yes) {
      var c = causette();
      if (!c || typeof c.setConsent !== 'function') { toast(t('chatUnavailable')); return; }
      c.setConsent(yes);
      var bar = document.getElementById('consent-bar');
      if (bar) bar.parentNode.removeChild(bar);
      if (yes && readCart().length) trackCart(readCart()); // a cart filled before consent counts from now
    }
    var bar = el('div', { id: 'consent-bar', className: 'consent-bar', role: 'region', 'aria-label': t('consentYes') }, [
      el('p', { text: t('consentText') }),
      el('button', { type: 'button', className: 'btn btn-primary', onclick: function () { choose(true); } }, [t('consentYes')]),
      el('button', { type: 'button', className: 'btn btn-ghost', onclick: function () { choose(false); } }, [t('consentNo')])
    ]);
    var announce = document.querySelector('.announce');
    if (announce) announce.parentNode.insertBefore(bar, announce.nextSibling);
  }

  /* ---------- language ---------- */

  function applyLanguage() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      var v = STR[lang][node.getAttribute('data-i18n')];
      if (typeof v === 'string') node.textContent = v;
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-lang') === lang ? 'true' : 'false');
    });
    var filters = document.getElementById('filters');
    if (filters) filters.setAttribute('aria-label', lang === 'fr' ? 'Catégories' : 'Categories');
    if (document.body.getAttribute('data-page') === 'home') {
      document.title = lang === 'fr'
        ? 'Maison Sauge — mobilier, luminaires et linge de maison'
        : 'Maison Sauge — furniture, lighting and home linen';
    }
  }

  function render() {
    applyLanguage();
    consentBar();
    updateCartCount();
    if (document.body.getAttribute('data-page') === 'home') renderHome();
    else renderProduct();
    var panel = document.getElementById('cart-panel');
    if (panel && !panel.hidden) renderCart();
  }

  function setLanguage(l) {
    if (l !== 'fr' && l !== 'en') return;
    lang = l;
    store(LANG_KEY, l);
    render();
  }

  /* ---------- start ---------- */

  function start() {
    var page = document.body.getAttribute('data-page');
    if (page === 'home') activeFilter = readFilter();
    else currentSku = new URLSearchParams(location.search).get('sku');

    Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
      b.addEventListener('click', function () { setLanguage(b.getAttribute('data-lang')); });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-open-chat]'), function (b) {
      b.addEventListener('click', openChat);
    });
    document.getElementById('cart-button').addEventListener('click', toggleCart);
    document.addEventListener('keydown', function (e) {
      var panel = document.getElementById('cart-panel');
      if (e.key === 'Escape' && !panel.hidden) { toggleCart(); document.getElementById('cart-button').focus(); }
    });
    document.addEventListener('click', function (e) {
      var panel = document.getElementById('cart-panel');
      var button = document.getElementById('cart-button');
      if (!panel.hidden && !panel.contains(e.target) && !button.contains(e.target) && document.contains(e.target)) toggleCart();
    });
    window.addEventListener('storage', function (e) {
      if (e.key === CART_KEY) { updateCartCount(); var p = document.getElementById('cart-panel'); if (!p.hidden) renderCart(); }
      if (e.key === LANG_KEY && (e.newValue === 'fr' || e.newValue === 'en') && e.newValue !== lang) { lang = e.newValue; render(); }
    });
    window.addEventListener('hashchange', function () {
      if (page === 'home') { activeFilter = readFilter(); renderHome(); }
    });

    render();
    loadCatalog().then(function () {
      render();
      if (page === 'home' && activeFilter !== 'all') {
        var section = document.getElementById('catalogue');
        if (section && section.scrollIntoView) section.scrollIntoView({ block: 'start', behavior: 'instant' });
      }
    }).catch(function () {
      var status = document.getElementById('status');
      if (status) {
        status.setAttribute('data-i18n', 'loadError');
        status.textContent = t('loadError');
        status.hidden = false;
        status.classList.add('status-error');
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
