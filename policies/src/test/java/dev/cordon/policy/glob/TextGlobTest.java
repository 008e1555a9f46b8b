package dev.cordon.policy.glob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextGlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "gpt-4o-mini*, gpt-4o-mini, true",
        "gpt-4o-mini*, gpt-4o-mini-2024-07-18, true",
        "gpt-4o-mini*, gpt-4o, false",
        "text-embedding-3-*, text-embedding-3-small, true",
        "*.openai.azure.com, acme.openai.azure.com, true",
        "*.openai.azure.com, openai.azure.com, false",
        "jdbc:h2:*prod*, jdbc:h2:mem:prod1, true",
        "jdbc:h2:*prod*, jdbc:h2:mem:staging, false",
        "*, '', true",
        "a*b*c, abc, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYYcd, false",
        "a**b, ab, true",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime.us-east-1.amazonaws.com, true",
    })
    void anyRunGlobs(String glob, String s, boolean expected) {
        assertEquals(expected, TextGlob.compile(glob, false).matches(s));
    }

    @Test
    void caseInsensitiveWhenAsked() {
        assertTrue(TextGlob.compile("API.OpenAI.com", true).matches("api.openai.COM"));
        assertFalse(TextGlob.compile("API.OpenAI.com", false).matches("api.openai.com"));
    }

    @Test
    void slashesAndDotsAreOrdinaryCharacters() {
        assertTrue(TextGlob.compile("jdbc:postgresql://db*/prod", false).matches("jdbc:postgresql://db1.acme/prod"));
    }

    @Test
    void malformed() {
        assertEquals("empty glob", TextGlob.check(""));
        assertEquals("control character in glob", TextGlob.check("a\tb"));
    }

    @Test
    void noExponentialBacktracking() {
        TextGlob g = TextGlob.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b", false);
        String s = "a".repeat(5000);
        long t0 = System.nanoTime();
        assertFalse(g.matches(s));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }
}
