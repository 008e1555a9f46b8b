package dev.cordon.agent.redact;

import dev.cordon.policy.Policy;
import dev.cordon.policy.RedactionConfig;
import dev.cordon.redact.HashKey;
import dev.cordon.redact.Operator;
import dev.cordon.redact.Redactor;
import dev.cordon.redact.TypeSet;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The redaction engine compiled from one loaded policy, built on first need and kept until the
 * policy is replaced. Type sets are compiled once per distinct rule set (decisions hand out the
 * same sets again and again).
 */
public final class PolicyRedaction {
  private static volatile PolicyRedaction last;

  private final Policy policy;
  private final Redactor redactor;
  private final ConcurrentHashMap<Set<String>, TypeSet> typeSets = new ConcurrentHashMap<>();

  private final Set<String> allTypeNames;

  private PolicyRedaction(Policy policy, Redactor redactor) {
    this.policy = policy;
    this.redactor = redactor;
    this.allTypeNames = Set.copyOf(redactor.typeNames());
  }

  /** The engine for {@code policy}; reads (or creates) the HASH key file when the operator is HASH. */
  public static PolicyRedaction of(Policy policy) throws IOException {
    PolicyRedaction p = last;
    if (p != null && p.policy == policy) return p;
    synchronized (PolicyRedaction.class) {
      p = last;
      if (p != null && p.policy == policy) return p;
      p = new PolicyRedaction(policy, compile(policy));
      last = p;
      return p;
    }
  }

  static Redactor compile(Policy policy) throws IOException {
    RedactionConfig c = policy.redaction();
    Redactor.Builder b = Redactor.builder().operator(Operator.valueOf(c.operator().name()));
    for (RedactionConfig.Custom custom : c.custom()) {
      if (custom.pattern() != null) b.pattern(custom.id(), custom.pattern());
      else b.terms(custom.id(), custom.terms());
    }
    c.allow().values().forEach(b::allowValue);
    c.allow().patterns().forEach(b::allowPattern);
    if (c.operator() == RedactionConfig.Operator.HASH) b.hashKey(HashKey.loadOrCreate(c.keyFile(policy.baseDir())));
    return b.build();
  }

  /** Every type this policy knows (built-in and custom): what the audit's copy of a prompt is redacted with. */
  public Set<String> allTypeNames() {
    return allTypeNames;
  }

  public Redactor redactor() {
    return redactor;
  }

  public TypeSet types(Set<String> names) {
    TypeSet t = typeSets.get(names);
    if (t == null) {
      t = redactor.types(names);
      typeSets.putIfAbsent(names, t);
    }
    return t;
  }
}
