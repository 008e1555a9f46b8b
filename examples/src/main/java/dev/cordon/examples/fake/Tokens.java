package dev.cordon.examples.fake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a tokenizer: one token per run of letters/digits and one per
 * other non-space character. Good enough that usage numbers grow with the text and that tests
 * can predict them ("South Atlantic Ocean." is 4 tokens, as the real embeddings API says).
 */
public final class Tokens {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    /** Fixed overhead per chat message and per reply, in the spirit of OpenAI's own counting. */
    static final int PER_MESSAGE = 4;
    static final int PER_REPLY = 3;

    private Tokens() {}

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher m = TOKEN.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
