package org.causette.bot.dialogue;

import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A product's name as each language says it, worked out once at site load.
 *
 * <p>English: the catalog's {@code name.en} when the shop wrote one; else, for a shop whose first language is not
 * English, its first alias that shares a word with the name and adds a word of its own ("Fauteuil Oslo" → "Oslo
 * armchair"; "fauteuil oslo" only repeats the name); else the name. French: {@code name.fr} or the name, with the
 * article and gender of its head noun when it is a common one (« le fauteuil Oslo », « la lampe Pia », « l'applique
 * Lior », « les taies d'oreiller Ondine »); a name whose first word we do not know keeps no article, which reads
 * right for a brand ("Trail X 200 est à…"). Immutable and thread-safe.
 */
final class ProductNames {
    /** Folded head noun → gender and number: m, f, mp, fp. */
    private static final Map<String, String> GENDER = genders(
            "m:fauteuil,canape,lampadaire,tapis,bureau,tabouret,drap,plaid,vase,miroir,coussin,panier,lit,matelas,buffet,"
                    + "meuble,banc,pouf,sac,bonnet,manteau,pull,pantalon,short,tee shirt,t shirt,jean,blouson,gilet,foulard,"
                    + "chapeau,sweat,duvet,oreiller,couteau,rechaud,rechauds,rechaud,velo,casque,gant,baton,mug,bol,plat,"
                    + "verre,service,coffret,parfum,savon,shampoing,the,cafe,livre,jeu,jouet,puzzle,cadre,poster,tableau,"
                    + "luminaire,spot,chevet,porte manteau,portemanteau,rideau,voilage,linge,torchon,tablier,set,plateau,"
                    + "pot,cache pot,bougeoir,photophore,sac a dos,matelas gonflable,hamac,tarp,filet,rehausseur,siege,"
                    + "transat,parasol,salon,range,cabas,portefeuille,bracelet,collier,bijou,sweat shirt,kit,pack,lot,"
                    + "poncho,anorak,coupe vent,legging,maillot,body,pyjama,peignoir,edredon,couvre lit,jete,"
                    + "secretaire,dressing,placard,rangement,support,tapis de yoga,carnet,stylo,agenda,calendrier,"
                    + "gobelet,thermos,bidon,rechaud,refrigerateur,four,grille pain,robot,mixeur,aspirateur,fer,"
                    + "telephone,ordinateur,ecran,clavier,chargeur,cable,velo,trottinette,skate,ballon",
            "f:lampe,suspension,applique,table,chaise,housse,taie,commode,etagere,tente,veste,chemise,robe,jupe,"
                    + "chaussure,basket,botte,sandale,casquette,echarpe,couverture,couette,serviette,nappe,tasse,assiette,"
                    + "theiere,cafetiere,bougie,horloge,console,bibliotheque,armoire,banquette,chaise longue,"
                    + "gourde,lampe frontale,lanterne,popote,poele,casserole,marmite,cocotte,planche,carafe,bouteille,"
                    + "boite,corbeille,caisse,malle,valise,trousse,pochette,ceinture,montre,bague,parure,creme,huile,"
                    + "bouilloire,machine,enceinte,tablette,doudoune,parka,polaire,chaussette,culotte,brassiere,"
                    + "moustiquaire,natte,couverture de survie,veilleuse,guirlande,applique murale,tete de lit,"
                    + "coiffeuse,desserte,vitrine,penderie,jardiniere,lampe de chevet,lampe a poser,table basse,table de chevet",
            "mp:bougeoirs,coussins,draps,rideaux,gants,batons,bonnets,couteaux,verres,bols,mugs,sacs,"
                    + "vases,plaids,tapis de bain,oreillers,jeux,livres,sets,lots",
            "fp:chaussures,taies,serviettes,bougies,tasses,assiettes,chaises,baskets,bottes,sandales,chaussettes,"
                    + "lunettes,housses,nappes,lampes,guirlandes,chemises");
    /** The longest head noun in words ("lampe de chevet"): longer names are not tried. */
    private static final int HEAD_WORDS = 3;
    private static final Set<String> VOWELS = Set.of("a", "e", "i", "o", "u", "y", "h");

    /** How a French sentence names one product. */
    record French(String bare, String subject, String of, boolean feminine, boolean plural, boolean known) {
        /** "est" or "sont". */
        String is() {
            return plural ? "sont" : "est";
        }

        /** An adjective of the name's gender and number: agree("disponible") → "disponibles". */
        String agree(String masculine, String feminineForm) {
            String base = feminine ? feminineForm : masculine;
            return plural ? base + "s" : base;
        }

        String agree(String adjective) {
            return agree(adjective, adjective.endsWith("e") ? adjective : adjective + "e");
        }
    }

    private final Map<Product, String> english = new IdentityHashMap<>();
    private final Map<Product, French> french = new IdentityHashMap<>();

    ProductNames(SiteKnowledge site) {
        boolean englishShop = "en".equals(site.defaultLanguage());
        for (Product p : site.catalog().products()) {
            String en = p.names().get("en");
            if (en == null) {
                en = englishShop ? p.name() : englishAlias(p);
            }
            english.put(p, en);
            String fr = p.names().getOrDefault("fr", p.name());
            french.put(p, frenchOf(fr));
        }
    }

    /** The name as this language writes it on its own (titles, cards, quick replies). */
    String name(Product p, String lang) {
        if ("en".equals(lang)) {
            String en = english.get(p);
            return en != null ? en : p.names().getOrDefault("en", p.name());
        }
        if ("fr".equals(lang)) {
            French f = french.get(p);
            return f != null ? f.bare() : p.name();
        }
        return p.names().getOrDefault(lang, p.name());
    }

    French french(Product p) {
        French f = french.get(p);
        return f != null ? f : frenchOf(p.names().getOrDefault("fr", p.name()));
    }

    /** "the Oslo armchair" (an English name that is a brand keeps no article: it reads well either way). */
    String english(Product p) {
        return "the " + name(p, "en");
    }

    private static String englishAlias(Product p) {
        List<String> nameWords = words(p.name());
        for (String alias : p.aliases()) {
            List<String> aliasWords = words(alias);
            if (aliasWords.size() < 2 || GENDER.containsKey(aliasWords.get(0))) {
                continue; // "fauteuil rotin elsa" is French word order, not an English name
            }
            boolean shares = false;
            boolean adds = false;
            for (String w : aliasWords) {
                if (nameWords.contains(w)) {
                    shares |= w.length() >= 3;
                } else {
                    adds = true;
                }
            }
            if (shares && adds) {
                return alias;
            }
        }
        return p.name();
    }

    private static List<String> words(String s) {
        return TextNormalizer.tokens(s).stream().map(Token::text).toList();
    }

    static French frenchOf(String name) {
        List<Token> tokens = TextNormalizer.tokens(name);
        String gender = null;
        int headEnd = 0;
        for (int n = Math.min(HEAD_WORDS, tokens.size()); n >= 1 && gender == null; n--) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? " " : "").append(tokens.get(i).text());
            }
            gender = GENDER.get(sb.toString());
            if (gender != null) {
                headEnd = tokens.get(0).end();
            }
        }
        if (gender == null || tokens.isEmpty() || tokens.get(0).start() != 0) {
            return new French(name, name, "de " + name, false, false, false);
        }
        // Only the first word is a common noun to lower-case: "Tapis berbère Atlas" → "tapis berbère Atlas".
        String lowered = name.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT) + name.substring(headEnd);
        boolean feminine = gender.startsWith("f");
        boolean plural = gender.endsWith("p");
        boolean vowel = VOWELS.contains(tokens.get(0).text().substring(0, 1));
        String subject;
        String of;
        if (plural) {
            subject = "les " + lowered;
            of = "des " + lowered;
        } else if (vowel) {
            subject = "l'" + lowered;
            of = "de l'" + lowered;
        } else if (feminine) {
            subject = "la " + lowered;
            of = "de la " + lowered;
        } else {
            subject = "le " + lowered;
            of = "du " + lowered;
        }
        return new French(name, subject, of, feminine, plural, true);
    }

    private static Map<String, String> genders(String... groups) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String g : groups) {
            int colon = g.indexOf(':');
            String gender = g.substring(0, colon);
            for (String w : g.substring(colon + 1).split(",")) {
                out.putIfAbsent(TextNormalizer.foldPhrase(w.trim()), gender);
            }
        }
        return out;
    }
}
