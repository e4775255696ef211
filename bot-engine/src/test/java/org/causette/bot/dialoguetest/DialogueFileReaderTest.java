package org.causette.bot.dialoguetest;

import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file format: what it reads, and one line naming file, dialogue, turn and field for what it refuses. */
class DialogueFileReaderTest {
    private static final DialogueFileReader READER = new DialogueFileReader(TestSites.fixture());

    private static DialogueFile read(String json) {
        return READER.parse("t.json", json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String json) {
        return assertThrows(InvalidDialogueException.class, () -> read(json)).getMessage();
    }

    private static String oneTurn(String turn) {
        return "{'dialogues':[{'name':'d1','turns':[" + turn + "]}]}";
    }

    @Test
    void readsEveryField() {
        DialogueFile f = read("""
                {'description':'x','dialogues':[{'name':'oslo','locale':'fr-FR','tags':['stock'],'note':'n','turns':[
                  {'text':'prix oslo','note':'n','expect':{'action':'answer','intent':'product_price',
                     'mustContain':['299',['349','349,00']],'mustNotContain':['gris'],'cards':['OSLO'],'offersHuman':false}},
                  {'payload':'INTENT:shipping','title':'Livraison','tags':['policy'],
                     'expect':{'action':'handover','target':'agent','intent':['shipping','human_request']}},
                  {'text':'combien pese oslo','expect':{'action':['answer','handover'],'offersHuman':true}},
                  {'text':'merci'}]}]}""");
        assertEquals("t.json", f.file());
        Dialogue d = f.dialogues().get(0);
        assertEquals("oslo", d.name());
        assertEquals("fr-FR", d.locale());
        DialogueTurn first = d.turns().get(0);
        assertEquals("prix oslo", first.text());
        assertNull(first.payload());
        assertEquals(new Expectation(List.of("answer"), null, List.of("product_price"), List.of(List.of("299"), List.of("349", "349,00")),
                List.of(List.of("gris")), List.of("OSLO"), false), first.expect());
        assertEquals(List.of("stock"), d.tagsOf(first));
        DialogueTurn tap = d.turns().get(1);
        assertEquals("Livraison", tap.text());
        assertEquals("INTENT:shipping", tap.payload());
        assertEquals(List.of("policy"), d.tagsOf(tap));
        assertEquals(List.of("shipping", "human_request"), tap.expect().intents());
        assertEquals(List.of("answer", "handover"), d.turns().get(2).expect().actions());
        assertEquals(Expectation.NONE, d.turns().get(3).expect());
    }

    @Test
    void aMisspeltFieldIsAnErrorNotASilentlySkippedCheck() {
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.mustContains: is not a field here (known: action, cards, intent, "
                        + "mustContain, mustNotContain, offersHuman, target)",
                error(oneTurn("{'text':'a','expect':{'mustContains':['x']}}")));
        assertTrue(error(oneTurn("{'txt':'a'}")).startsWith("t.json: dialogue \"d1\", turn 1, txt: is not a field here"));
        assertTrue(error("{'dialogue':[]}").startsWith("t.json: dialogue: is not a field here"));
    }

    @Test
    void badValuesNameTheDialogueTheTurnAndTheField() {
        assertEquals("t.json: dialogue \"d1\", turn 2, expect.action: must be answer, clarify or handover, not \"anser\"",
                error("{'dialogues':[{'name':'d1','turns':[{'text':'a'},{'text':'b','expect':{'action':'anser'}}]}]}"));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.target: goes with action handover, not answer",
                error(oneTurn("{'text':'a','expect':{'action':'answer','target':'agent'}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.target: goes with action handover, not answer or clarify",
                error(oneTurn("{'text':'a','expect':{'action':['answer','clarify'],'target':'agent'}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.action: must be answer, clarify or handover, not \"hand\"",
                error(oneTurn("{'text':'a','expect':{'action':['answer','hand']}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.target: must be agent or ambassador, not \"bot\"",
                error(oneTurn("{'text':'a','expect':{'target':'bot'}}")));
        assertTrue(error(oneTurn("{'text':'a','expect':{'intent':'prix'}}"))
                .startsWith("t.json: dialogue \"d1\", turn 1, expect.intent: \"prix\" is neither"));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.cards: \"NOPE\" is not a SKU of this site's catalog",
                error(oneTurn("{'text':'a','expect':{'cards':['NOPE']}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.mustContain[1]: must be a non-blank string",
                error(oneTurn("{'text':'a','expect':{'mustContain':['x',3]}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.mustNotContain[0]: must name at least one spelling",
                error(oneTurn("{'text':'a','expect':{'mustNotContain':[[]]}}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, expect.offersHuman: must be true or false",
                error(oneTurn("{'text':'a','expect':{'offersHuman':'yes'}}")));
    }

    @Test
    void aTurnIsTypedTextOrAQuickReplyWithItsTitle() {
        assertEquals("t.json: dialogue \"d1\", turn 1, text: must be a non-blank string (what the shopper types)",
                error(oneTurn("{'text':' '}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, title: is required with a payload: the quick reply's title, as the hub passes it",
                error(oneTurn("{'payload':'INTENT:shipping'}")));
        assertEquals("t.json: dialogue \"d1\", turn 1, text: a quick-reply turn has payload and title, not text",
                error(oneTurn("{'payload':'INTENT:shipping','title':'x','text':'y'}")));
        assertTrue(error(oneTurn("{'text':'" + "a".repeat(DialogueFileReader.MAX_TEXT_CHARS + 1) + "'}"))
                .contains("text: is longer than the hub's 4000 characters"));
    }

    @Test
    void dialoguesNeedAUniqueNameAndTurns() {
        assertEquals("t.json: dialogue dialogues[0], name: must be a non-blank string", error("{'dialogues':[{'turns':[]}]}"));
        assertEquals("t.json: dialogue \"d1\", turns: must be a non-empty array of turns", error("{'dialogues':[{'name':'d1','turns':[]}]}"));
        assertEquals("t.json: dialogue \"d1\", name: is used by an earlier dialogue of this file",
                error("{'dialogues':[{'name':'d1','turns':[{'text':'a'}]},{'name':'d1','turns':[{'text':'b'}]}]}"));
        assertEquals("t.json: dialogue \"d1\", locale: \"french!\" is not a locale like fr-FR or en",
                error("{'dialogues':[{'name':'d1','locale':'french!','turns':[{'text':'a'}]}]}"));
        assertEquals("t.json: dialogues: must be a non-empty array of dialogues", error("{'dialogues':[]}"));
    }

    @Test
    void notJsonSaysWhere() {
        assertTrue(error("{'dialogues': [").startsWith("t.json: line 1, column "), error("{'dialogues': ["));
        assertEquals("t.json: (file): must be a JSON object {\"dialogues\": [...]}", error("[1]"));
    }
}
