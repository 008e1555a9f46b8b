package dev.cordon.policy.load;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Assertions;

/** The hand-written id check says what the documented pattern says. */
class IdsTest {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    @Property(tries = 3000)
    void agreesWithThePattern(@ForAll @StringLength(max = 8) @CharRange(from = ' ', to = '~') String id) {
        Assertions.assertEquals(SYNTAX.matcher(id).matches(), Ids.wellFormed(id), id);
    }
}
