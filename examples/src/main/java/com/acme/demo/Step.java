package com.acme.demo;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Runs one demo call and prints its outcome. A call Cordon refuses surfaces as a
 * {@link SecurityException} (Cordon's own exception extends it), possibly wrapped by the SDK, so
 * the demo depends on no Cordon class and keeps going after a refusal.
 */
public final class Step {
    public enum Outcome { ALLOWED, BLOCKED, FAILED }

    /** How one step ended, with the line printed for it. */
    public record Result(String label, Outcome outcome, String detail) {}

    private static final int SHORT = 100;

    private Step() {}

    static Result run(PrintStream out, String label, Callable<String> call) {
        out.println(label);
        Result result;
        try {
            result = new Result(label, Outcome.ALLOWED, shorten(call.call()));
        } catch (Exception e) {
            SecurityException denied = securityCause(e);
            result = denied != null
                    ? new Result(label, Outcome.BLOCKED, denied.getMessage())
                    : new Result(label, Outcome.FAILED, e.toString());
        }
        out.println("    " + result.outcome() + ": " + result.detail());
        return result;
    }

    private static SecurityException securityCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SecurityException) {
                return (SecurityException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= SHORT ? oneLine : oneLine.substring(0, SHORT) + "...";
    }
}
