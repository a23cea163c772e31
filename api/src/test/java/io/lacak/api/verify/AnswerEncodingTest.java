package io.lacak.api.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Issue 19: the Pasal 25 block encoded once per product reads back as the answer it is part of. */
class AnswerEncodingTest {

    @Test
    void pasal25_thePreEncodedProductBlockReadsBackAsTheWholeAnswer() {
        JsonObject block = new JsonObject()
                .put("name", "Obat \"Contoh\" / ñ")
                .put("nie", "DKL2600000001A1")
                .put("holder", new JsonObject().put("name", "PT Demo").put("address", "Jl. 1"));
        JsonObject answer = new JsonObject()
                .put("code", "(90)DKL2600000001A1(21)X")
                .put("verdict", "GENUINE")
                .put("product", new ProductInfo.Encoded(block))
                .put("batch", "B1");
        JsonObject expected = answer.copy();

        JsonObject read = new JsonObject(Verifier.encode(answer));

        assertThat(read).isEqualTo(expected);
        assertThat(read.getJsonObject("product")).isEqualTo(block);
        assertThat(new JsonObject(answer.encode()))
                .as("the answer stays whole for its caller")
                .isEqualTo(expected);
    }

    @Test
    void anAnswerWithoutAProductIsEncodedAsItIs() {
        JsonObject unknown = new JsonObject().put("verdict", "UNKNOWN").putNull("product");
        assertThat(new JsonObject(Verifier.encode(unknown))).isEqualTo(unknown);
        JsonObject onlyProduct = new JsonObject().put("product", new ProductInfo.Encoded(new JsonObject().put("a", 1)));
        assertThat(new JsonObject(Verifier.encode(onlyProduct))
                        .getJsonObject("product")
                        .getInteger("a"))
                .isEqualTo(1);
    }
}
