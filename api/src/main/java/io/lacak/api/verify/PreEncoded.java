package io.lacak.api.verify;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A JSON object whose encoding is made once (issue 19): a product's Pasal 25 block, a verdict's
 * message. {@link AnswerJson} writes these bytes into each answer instead of encoding the object
 * again. Not to be changed after creation.
 *
 * <p>{@code JsonObject block = new PreEncoded(ProductJson.details(product));}
 */
final class PreEncoded extends JsonObject {

    private final byte[] bytes;

    PreEncoded(JsonObject object) {
        super(object.getMap());
        this.bytes = object.encode().getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return bytes;
    }
}
