package org.causette.server.conversation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonalDataTest {
    @Test
    void masksEmailsAndPhoneNumbersOnly() {
        assertEquals("écrivez-moi à [email] ou au [phone] !",
                PersonalData.redact("écrivez-moi à anne.dupont+shop@exemple.fr ou au 06 12 34 56 78 !"));
        assertEquals("call [phone] please", PersonalData.redact("call +33 6 12 34 56 78 please"));
        assertEquals("[phone]", PersonalData.redact("0612345678"));
        assertEquals("Le canapé à 1 490,00 € existe en 2 coloris, commande n° 12345",
                PersonalData.redact("Le canapé à 1 490,00 € existe en 2 coloris, commande n° 12345"));
        assertEquals("taille 160x230 cm", PersonalData.redact("taille 160x230 cm"));
    }
}
