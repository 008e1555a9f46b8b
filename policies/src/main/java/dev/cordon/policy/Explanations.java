package dev.cordon.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds {@link Decision#explanation()}. For a denial, the suggested change is the smallest
 * that would allow this exact request: for each applicable deny rule, take this principal out
 * of it (or, when the rule names no principal explicitly, this resource or action, else delete
 * it); and when no allow rule applies, add one naming exactly this principal, action and
 * resource. The rule is written in YAML flow style so it can be pasted into the policy.
 */
final class Explanations {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

    private Explanations() { }

    static String of(Decision d) {
        String who = "principal '" + d.principal() + "'";
        String what = d.action().wireName() + " on " + d.resourceId();
        String mode = d.mode() == Mode.MONITOR ? " (mode monitor: audited, not blocked)" : " (mode enforce)";
        if (d.allowed()) {
            StringBuilder b = new StringBuilder("allowed: ").append(who).append(" may ").append(what)
                .append(" by rule '").append(d.ruleId()).append('\'').append(mode);
            if (!d.limits().isNone()) {
                b.append("; limits ").append(d.limits());
            }
            if (!d.promptRedactions().isEmpty()) {
                b.append("; redacts prompt ").append(d.promptRedactions());
            }
            if (!d.outputRedactions().isEmpty()) {
                b.append("; redacts output ").append(d.outputRedactions());
            }
            if (!d.masks().isEmpty()) {
                b.append("; masks ").append(d.masks());
            }
            return b.toString();
        }
        if (d.separation() != null) {
            return "denied: " + who + " may not " + what + ": " + d.separation() + mode
                + "; to allow, name the dataset in an allow rule: resources: [\"" + d.resourceId() + "\"]";
        }
        String why = d.ruleId() == null ? "no rule allows" : "denied by rule '" + d.ruleId() + "'";
        return "denied: " + who + " may not " + what + ": " + why + mode + "; to allow, " + fix(d);
    }

    private static String fix(Decision d) {
        List<String> steps = new ArrayList<>();
        if (d.principalKind() == Decision.PrincipalKind.UNDECLARED) {
            steps.add("declare principal '" + d.principal() + "' under principals");
        }
        for (RuleDef r : d.applicableDenies()) {
            steps.add(unDeny(r, d));
        }
        if (!d.allowApplies()) {
            String add = "add a rule: {effect: allow, principals: [" + yaml(d.principal()) + "], actions: ["
                + d.action().wireName() + "], resources: [\"" + d.resourceId() + "\"]}";
            if (d.principalKind() == Decision.PrincipalKind.ANONYMOUS) {
                add += " (or declare a principal that matches this caller and name it instead)";
            }
            steps.add(add);
        }
        return String.join(" and ", steps);
    }

    private static String unDeny(RuleDef r, Decision d) {
        if (r.principals().contains(d.principal()) && !r.principals().contains("*")) {
            return "remove principal '" + d.principal() + "' from deny rule '" + r.id() + "'";
        }
        if (r.resources().size() > 1 && r.resources().contains(d.resourceId()) && !r.resources().contains("*")) {
            return "remove resource \"" + d.resourceId() + "\" from deny rule '" + r.id() + "'";
        }
        if (r.actions().size() > 1 && r.actions().contains(d.action().wireName())) {
            return "remove action " + d.action().wireName() + " from deny rule '" + r.id() + "'";
        }
        return "delete or narrow deny rule '" + r.id() + "' (it covers every "
            + (r.principals().contains("*") ? "principal" : "listed principal") + " for this request)";
    }

    /** A YAML flow scalar: plain when safe, else double-quoted. */
    private static String yaml(String s) {
        return PLAIN.matcher(s).matches() ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
