package dev.cordon.examples.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Embeddings through the real openai-java SDK (which asks for base64 by default), no agent. */
class EmbeddingsSdkTest extends SdkTestBase {

    private CreateEmbeddingResponse embed(EmbeddingCreateParams.Builder params) {
        return client.embeddings().create(params.model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL).build());
    }

    @Test
    void stringInputBase64ByDefault() throws Exception {
        CreateEmbeddingResponse response = embed(EmbeddingCreateParams.builder().input("South Atlantic Ocean."));

        List<Float> vector = response.data().get(0).embedding();
        assertEquals(Embeddings.DEFAULT_DIMENSIONS, vector.size());
        double norm = vector.stream().mapToDouble(f -> f * f).sum();
        assertEquals(1.0, norm, 1e-4, "unit length");
        assertEquals(4, response.usage().promptTokens()); // as the real API counted this input
        assertEquals(4, response.usage().totalTokens());
        assertEquals("text-embedding-3-small", response.model());

        JsonNode sent = Json.MAPPER.readTree(onlyRequest().body());
        assertEquals("base64", sent.get("encoding_format").asText());
        assertEquals("/v1/embeddings", onlyRequest().path());
    }

    @Test
    void floatFormatAndArrayInputAreDeterministic() {
        CreateEmbeddingResponse a = embed(EmbeddingCreateParams.builder()
                .inputOfArrayOfStrings(List.of("alpha", "beta"))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT));
        CreateEmbeddingResponse b = embed(EmbeddingCreateParams.builder().input("alpha"));

        assertEquals(2, a.data().size());
        assertEquals(1, a.data().get(1).index());
        assertNotEquals(a.data().get(0).embedding(), a.data().get(1).embedding());
        List<Float> fromFloats = a.data().get(0).embedding();
        List<Float> fromBase64 = b.data().get(0).embedding();
        assertEquals(fromFloats, fromBase64, "same input, same vector, whatever the encoding");
        assertTrue(server.requests().get(0).body().contains("\"float\""));
    }

    @Test
    void dimensionsAreHonoured() {
        CreateEmbeddingResponse response = embed(EmbeddingCreateParams.builder().input("x").dimensions(64L));
        assertEquals(64, response.data().get(0).embedding().size());
    }
}
