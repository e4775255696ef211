package org.causette.bot.dialogue;

import org.causette.bot.nlu.Cues;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.util.List;

/**
 * What shoppers ask about a product, whatever a shop named the key: a concept (width, weight, capacity…) known by the
 * words a catalog key is made of ("largeur_cm", "width", "poids_kg"), the words a question uses for it in French and
 * English (« il fait combien de large », « combien pèse », "how heavy", « pour combien de personnes »), and a label
 * per language for answers. A key no concept knows is still answerable by its own words and the shop's labels
 * ({@link CatalogAttributes}). Immutable and thread-safe.
 */
final class AttributeLexicon {

    /** How superlatives order products on this concept: "the lightest" is the smallest weight. */
    enum Measure { NUMBER, NONE }

    /**
     * @param keyWords folded words or phrases a catalog key holds for this concept, most specific concepts first
     * @param frCues   phrases of a French question about it
     * @param enCues   phrases of an English question about it
     */
    record Concept(String id, String fr, String en, List<String> keyWords, Cues.PhraseSet frCues, Cues.PhraseSet enCues,
                   Measure measure) {
        String label(String lang) {
            return "fr".equals(lang) ? fr : en;
        }

        boolean askedIn(List<Token> tokens, String lang) {
            return "fr".equals(lang) ? frCues.in(tokens) : enCues.in(tokens);
        }
    }

    private static Concept c(String id, String fr, String en, String keys, String frCues, String enCues, Measure m) {
        return new Concept(id, fr, en, List.of(keys.split(",")), Cues.PhraseSet.of(frCues.split(",")),
                Cues.PhraseSet.of(enCues.split(",")), m);
    }

    /** Seat height before height, bulb included before bulb: a key is given the first concept whose words it holds. */
    static final List<Concept> CONCEPTS = List.of(
            c("seat_height", "Hauteur d'assise", "Seat height", "hauteur assise,hauteur d assise,seat height,assise hauteur",
                    "hauteur d assise,hauteur de assise,hauteur assise,hauteur de l assise,hauteur de la assise",
                    "seat height,height of the seat,seat is how high,how high is the seat", Measure.NUMBER),
            c("bulb_included", "Ampoule incluse", "Bulb included", "ampoule incluse,ampoule,bulb included,bulb",
                    "ampoule,ampoules,ampoule fournie,ampoule incluse", "bulb,bulbs,bulb included,light bulb", Measure.NONE),
            c("width", "Largeur", "Width", "largeur,width,wide,large",
                    "largeur,large,combien de large,fait de large", "width,wide,how wide", Measure.NUMBER),
            c("height", "Hauteur", "Height", "hauteur,height,high,haut",
                    "hauteur,haut,combien de haut,fait de haut", "height,how high,how tall,tall is", Measure.NUMBER),
            c("depth", "Profondeur", "Depth", "profondeur,depth,deep",
                    "profondeur,profond,profonde,combien de profondeur", "depth,deep,how deep", Measure.NUMBER),
            c("length", "Longueur", "Length", "longueur,length,long",
                    "longueur,combien de long,fait de long", "length,how long is it,how long is the", Measure.NUMBER),
            c("diameter", "Diamètre", "Diameter", "diametre,diameter",
                    "diametre,diametres", "diameter,across", Measure.NUMBER),
            c("max_load", "Charge maximale", "Maximum load", "charge max,charge maximale,charge,max load,maximum load,load",
                    "charge max,charge maximale,poids max,poids maximum,poids maxi,supporte,supportent,supporter,charge",
                    "max load,maximum load,weight limit,load capacity,max weight,maximum weight,hold up to,holds up to,support,supports,take my weight",
                    Measure.NUMBER),
            c("weight", "Poids", "Weight", "poids,weight,masse",
                    "poids,pese,pesent,peser,lourd,lourde,lourds,lourdes,leger,legere,combien pese,combien de kilos,kilos",
                    "weight,weigh,weighs,heavy,how heavy,kilos,pounds,lbs", Measure.NUMBER),
            c("capacity", "Capacité", "Capacity", "places,place,capacite,capacity,personnes,persons,people,couchages,seats,seater,sleeps,convives",
                    "places,combien de places,combien de personnes,pour combien,personnes,couchages,convives,capacite",
                    "seats,seater,how many people,how many persons,how many seats,sleeps,capacity,people does it,persons does it",
                    Measure.NUMBER),
            c("volume", "Contenance", "Volume", "volume,contenance,litres,liters,capacite l",
                    "contenance,volume,litres,combien de litres", "volume,litres,liters,how many litres,how many liters", Measure.NUMBER),
            c("seasons", "Saisons", "Seasons", "saisons,saison,seasons,season",
                    "saison,saisons", "season,seasons", Measure.NUMBER),
            c("temperature", "Température de confort", "Comfort temperature", "temperature,temp,confort,comfort",
                    "temperature,degres,froid", "temperature,degrees,cold,comfort rating", Measure.NUMBER),
            c("warranty", "Garantie", "Warranty", "garantie,warranty,guarantee",
                    "garantie,garanti,garantis,garanties", "warranty,guarantee,guaranteed", Measure.NUMBER),
            c("material", "Matière", "Material", "matiere,materiau,materiaux,material,materials,bois,wood",
                    "matiere,materiau,materiaux,en quoi,fait en quoi,quel bois,quelle matiere", "material,materials,made of,what wood,made from",
                    Measure.NONE),
            c("covering", "Revêtement", "Upholstery", "revetement,tissu,fabric,upholstery,covering",
                    "revetement,tissu,recouvert", "fabric,upholstery,upholstered,covering", Measure.NONE),
            c("removable_cover", "Déhoussable", "Removable cover", "dehoussable,housse amovible,removable cover,removable",
                    "dehoussable,housse amovible,housse enlevable,enlever la housse", "removable cover,removable,cover come off,cover removable",
                    Measure.NONE),
            c("filling", "Garnissage", "Filling", "garnissage,rembourrage,filling,garni,stuffing",
                    "garnissage,rembourrage,garni,rembourre,rempli,remplie,remplissage,rembourree", "filling,stuffing,stuffed,filled with,filled", Measure.NONE),
            c("thickness", "Épaisseur", "Thickness", "epaisseur,thickness,thick",
                    "epaisseur,epais,epaisse", "thickness,thick,how thick", Measure.NUMBER),
            c("fabric_weight", "Grammage", "Fabric weight", "grammage,gsm",
                    "grammage", "gsm,grammage,fabric weight", Measure.NUMBER),
            c("socket", "Culot", "Bulb socket", "culot,socket,fitting",
                    "culot", "socket,fitting,bulb type", Measure.NONE),
            c("care", "Entretien", "Care", "entretien,care,lavage,washing",
                    "entretien,entretenir,nettoyer,laver,lavable,lavage", "care,clean,cleaning,wash,washing,washable", Measure.NONE),
            c("origin", "Origine", "Origin", "origine,origin,provenance,pays,country,made in",
                    "origine,provenance,fabrique ou,fabriquee ou,fait ou,vient de ou,made in,pays", "origin,made in,where is it made,where made,country",
                    Measure.NONE),
            c("making", "Fabrication", "Making", "fabrication,making,handmade,manufacture",
                    "fabrication,fait main,fabrique comment", "handmade,hand made,how is it made,making", Measure.NONE),
            c("seat", "Assise", "Seat", "assise,seat",
                    "assise", "seat", Measure.NONE),
            c("dimensions", "Dimensions", "Dimensions", "dimensions,dimension,mesures,taille,size",
                    "dimensions,dimension,mesures,mesure,combien mesure", "dimensions,measurements,how big,measure", Measure.NONE),
            c("waterproof", "Imperméabilité", "Waterproofing", "impermeable,impermeabilite,etanche,etancheite,waterproof,water resistant",
                    "impermeable,etanche,impermeabilite,colonne d eau", "waterproof,water resistant,water proof,rain proof,water column",
                    Measure.NUMBER),
            c("power", "Puissance", "Power", "puissance,power,watts,wattage",
                    "puissance,watts", "power,watts,wattage", Measure.NUMBER),
            c("battery", "Autonomie", "Battery life", "autonomie,batterie,battery",
                    "autonomie,batterie", "battery,battery life", Measure.NUMBER),
            c("color_info", "Couleur", "Colour", "couleur,color,colour,coloris",
                    "couleur,coloris", "color,colour", Measure.NONE));

    private AttributeLexicon() {
    }

    /** The concept of a catalog key ("largeur_cm" → width), or null. */
    static Concept ofKey(String key) {
        String folded = " " + TextNormalizer.foldPhrase(key.replace('_', ' ')) + " ";
        for (Concept c : CONCEPTS) {
            for (String w : c.keyWords()) {
                if (folded.contains(" " + w + " ")) {
                    return c;
                }
            }
        }
        return null;
    }

    static Concept byId(String id) {
        for (Concept c : CONCEPTS) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
