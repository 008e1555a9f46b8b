package dev.cordon.policy.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 30d}, {@code 12h}, {@code 15m}, {@code 60s}: one positive whole number and one unit. Internal. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([dhms])");

    private Durations() { }

    /** null when malformed or zero. */
    static Duration parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return null;
        }
        switch (m.group(2)) {
            case "d": return Duration.ofDays(n);
            case "h": return Duration.ofHours(n);
            case "m": return Duration.ofMinutes(n);
            default: return Duration.ofSeconds(n);
        }
    }
}
