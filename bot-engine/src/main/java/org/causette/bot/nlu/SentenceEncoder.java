package org.causette.bot.nlu;

import java.util.List;

/** Turns a sentence into a vector of unit length, so that a dot product is a cosine. Thread-safe. */
public interface SentenceEncoder {
    /** Names the model and its version: vectors cached under one id are never mixed with another's. */
    String id();

    float[] encode(String text);

    /** The vectors of many sentences, in order; may use several threads. */
    List<float[]> encodeAll(List<String> texts);
}
