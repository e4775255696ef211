package org.causette.bot.nlu;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The English sentence encoder all-MiniLM-L6-v2 (int8), run in process by ONNX Runtime; its weights and tokenizer
 * ship inside a Maven Central jar, so it works offline. English only: no multilingual encoder with bundled weights is
 * reachable here, so French stays on the n-gram model alone.
 *
 * <p>One instance serves every site of the process: the ONNX session is loaded once (0.1–2 s), and its {@code run}
 * is thread-safe. When it cannot load (a platform without ONNX Runtime's native library), {@link #shared()} is empty
 * and the bot works without it.
 */
public final class MiniLmEncoder implements SentenceEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEncoder.class);
    static final String ID = "all-minilm-l6-v2-q/langchain4j-1.19.0-beta29";
    private static Optional<SentenceEncoder> shared;

    private final EmbeddingModel model;

    private MiniLmEncoder(EmbeddingModel model) {
        this.model = model;
    }

    /** The process's encoder, loaded on first use; empty when it cannot run here (logged once). */
    public static synchronized Optional<SentenceEncoder> shared() {
        if (shared == null) {
            long start = System.nanoTime();
            try {
                shared = Optional.of(new MiniLmEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel()));
                LOG.info("sentence encoder {} loaded in {} ms", ID, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("sentence encoder {} cannot run here, the bot goes on with its n-gram model alone: {}", ID, e.toString());
                shared = Optional.empty();
            }
        }
        return shared;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public float[] encode(String text) {
        return unit(model.embed(text.isBlank() ? "." : text).content().vector());
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t.isBlank() ? "." : t));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(unit(e.vector()));
        }
        return out;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = v.clone();
        if (norm > 0) {
            float s = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < out.length; i++) {
                out[i] *= s;
            }
        }
        return out;
    }
}
