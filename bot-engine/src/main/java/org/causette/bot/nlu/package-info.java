/**
 * Understanding one chat line: normalisation (case, accents, elision), tokens, the language (fr/en), the intent
 * (an OpenNLP maxent model on word and character n-grams, with a fitted out-of-scope threshold) and entities.
 */
package org.causette.bot.nlu;
