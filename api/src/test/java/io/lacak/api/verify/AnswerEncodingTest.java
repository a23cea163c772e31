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
                .put("product", new PreEncoded(block))
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
        JsonObject onlyProduct = new JsonObject().put("product", new PreEncoded(new JsonObject().put("a", 1)));
        assertThat(new JsonObject(Verifier.encode(onlyProduct))
                        .getJsonObject("product")
                        .getInteger("a"))
                .isEqualTo(1);
    }

    @Test
    void everyKindOfMemberReadsBackAsItWas() {
        JsonObject answer = new JsonObject()
                .put("code", "\u001d90DKL2600000001A1\u001d21X\"y\\z") // GS, quote, backslash: escaped
                .put("name", "Obat ñ 薬 \uD83D\uDE00") // beyond ASCII, a surrogate pair
                .put("valid", false)
                .put("ok", true)
                .putNull("batch")
                .put("count", 7)
                .put("big", 1L << 40)
                .put("ratio", 0.5)
                .put("list", new io.vertx.core.json.JsonArray().add(1).add("a"))
                .put(
                        "links",
                        new JsonObject().put("nieLookup", "/api/v1/products/X").put("empty", new JsonObject()))
                .put("message", Verdict.GENUINE.message());
        JsonObject expected = answer.copy();

        assertThat(new JsonObject(AnswerJson.encode(answer))).isEqualTo(expected);
        assertThat(answer.encode()).as("the answer is not changed").isEqualTo(expected.encode());
    }

    @Test
    void plainMembersAreTheBytesJacksonWouldWrite() {
        JsonObject answer = new JsonObject()
                .put("code", "(90)DKL2600000001A1(10)B1(17)291231(21)7K3M9P2Q4R6S")
                .put("kind", "AUTHENTICATION")
                .put("verdict", "GENUINE")
                .put("valid", true)
                .put("message", Verdict.GENUINE.message())
                .put("product", new PreEncoded(new JsonObject().put("nie", "DKL2600000001A1")))
                .put("batch", "B1")
                .putNull("expiry");
        assertThat(AnswerJson.encode(answer).toString()).isEqualTo(answer.encode());
    }
}
