package dev.cordon.redact;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A compiled redaction configuration (the policy's {@code redaction} section): built-in types,
 * custom patterns and term lists, allow-list, operator and HASH key. Immutable and thread-safe;
 * build one per policy load and share it. Text with nothing to redact is returned as the same
 * instance, without copying.
 */
public final class Redactor {
  private final Operator operator;
  private final List<String> typeNames;
  private final List<SafePattern> patterns; // by custom index; null for term lists
  private final TermMatcher terms; // null when there are none
  private final boolean[] isTermType; // by custom index
  private final AllowList allow;
  private final SecretKeySpec hashKey;
  private final ThreadLocal<Mac> macs;

  private Redactor(Builder b) {
    this.operator = b.operator;
    List<String> names = new ArrayList<>(Types.BUILT_IN);
    names.addAll(b.customIds);
    this.typeNames = List.copyOf(names);
    this.patterns = new ArrayList<>(b.customPatterns);
    this.isTermType = new boolean[b.customIds.size()];
    List<String> allTerms = new ArrayList<>();
    List<Integer> termTypes = new ArrayList<>();
    for (int k = 0; k < b.customIds.size(); k++) {
      List<String> ts = b.customTerms.get(k);
      if (ts != null) {
        isTermType[k] = true;
        for (String t : ts) {
          allTerms.add(t);
          termTypes.add(Types.BUILT_IN_COUNT + k);
        }
      }
    }
    this.terms = allTerms.isEmpty() ? null
        : TermMatcher.build(allTerms, termTypes.stream().mapToInt(Integer::intValue).toArray());
    this.allow = new AllowList(b.allowValues, b.allowPatterns);
    this.hashKey = b.hashKey == null ? null : new SecretKeySpec(b.hashKey, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
    if (operator == Operator.HASH && hashKey == null) throw new IllegalArgumentException("the HASH operator needs a key");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Operator operator() {
    return operator;
  }

  /** Built-in type names, then custom ids, in index order. */
  public List<String> typeNames() {
    return typeNames;
  }

  public Counts newCounts() {
    return new Counts(typeNames);
  }

  /** Compiles a set of type names (as a rule's {@code redact.prompt} lists them). */
  public TypeSet types(Collection<String> names) {
    int mask = 0;
    boolean[] custom = new boolean[typeNames.size() - Types.BUILT_IN_COUNT];
    boolean anyPattern = false;
    boolean anyTerm = false;
    for (String n : names) {
      int i = typeNames.indexOf(n);
      if (i < 0) throw new IllegalArgumentException("unknown redaction type '" + n + "'");
      if (i < Types.BUILT_IN_COUNT) {
        mask |= 1 << i;
      } else {
        custom[i - Types.BUILT_IN_COUNT] = true;
        if (isTermType[i - Types.BUILT_IN_COUNT]) anyTerm = true;
        else anyPattern = true;
      }
    }
    return new TypeSet(mask, custom, anyPattern, anyTerm);
  }

  /**
   * Finds entities in {@code s[from, to)} into {@code out}; returns where a stream must hold back
   * from (an unterminated private-key block), or -1.
   */
  int detect(String s, int from, int to, TypeSet types, boolean last, Findings out) {
    out.clear();
    int hold = types.scanner.idle() ? -1 : types.scanner.scan(s, from, to, last, out);
    int end = hold >= 0 ? hold : to;
    if (types.anyCustomPattern) {
      for (int k = 0; k < types.custom.length; k++) {
        if (types.custom[k] && !isTermType[k]) patterns.get(k).scan(s, from, end, Types.BUILT_IN_COUNT + k, out);
      }
    }
    if (types.anyTerm) {
      terms.scan(s, from, end, out);
      // Term lists are compiled together; keep only the types this call asked for.
      for (int i = out.size - 1; i >= 0; i--) {
        int t = out.type[i];
        if (t >= Types.BUILT_IN_COUNT && isTermType[t - Types.BUILT_IN_COUNT] && !types.custom[t - Types.BUILT_IN_COUNT]) {
          out.remove(i);
        }
      }
    }
    if (!allow.isEmpty()) {
      for (int i = out.size - 1; i >= 0; i--) {
        if (out.type[i] != Types.INVISIBLE && allow.allows(s.substring(out.start[i], out.end[i]))) out.remove(i);
      }
    }
    return hold;
  }

  /** The entities of {@code types} in {@code text}, in order, without overlaps (allow-listed values left out). */
  public java.util.List<Span> find(String text, TypeSet types) {
    Findings f = new Findings();
    detect(text, 0, text.length(), types, true, f);
    java.util.List<Span> out = new ArrayList<>(f.size);
    for (int i = 0; i < f.size; i++) out.add(new Span(f.start[i], f.end[i], typeNames.get(f.type[i])));
    return out;
  }

  /**
   * {@code text} with every entity of {@code types} replaced by the operator, counted into
   * {@code counts}. {@code vault} is used by PSEUDONYMIZE (without one, it tags).
   */
  public String redact(String text, TypeSet types, Counts counts, Vault vault) {
    if (text.isEmpty() || types.isEmpty()) return text;
    Findings f = new Findings();
    detect(text, 0, text.length(), types, true, f);
    if (f.size == 0) return text;
    StringBuilder sb = new StringBuilder(text.length() + 16 * f.size);
    apply(text, 0, text.length(), f, counts, vault, sb);
    return sb.toString();
  }

  /** Appends {@code s[from, to)} with the findings inside it replaced. */
  void apply(String s, int from, int to, Findings f, Counts counts, Vault vault, StringBuilder sb) {
    int copied = from;
    for (int i = 0; i < f.size; i++) {
      int st = f.start[i];
      int en = f.end[i];
      if (st < from || en > to) continue;
      sb.append(s, copied, st);
      int type = f.type[i];
      if (counts != null) counts.add(type);
      if (type != Types.INVISIBLE) sb.append(replacement(type, s.substring(st, en), vault));
      copied = en;
    }
    sb.append(s, copied, to);
  }

  String replacement(int type, String value, Vault vault) {
    String name = typeNames.get(type);
    return switch (operator) {
      case TAG -> "<" + name + ">";
      case MASK -> Masks.mask(type, value);
      case HASH -> "<" + name + ":" + hmac8(name, value) + ">";
      case PSEUDONYMIZE -> vault == null ? "<" + name + ">" : vault.tokenFor(name, value);
    };
  }

  private String hmac8(String type, String value) {
    Mac mac = macs.get();
    mac.update(type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] d = mac.doFinal(normalize(type, value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 4);
  }

  /** The same person written two ways hashes the same: case-folded emails, digits-only numbers. */
  private static String normalize(String type, String value) {
    return switch (type) {
      case "EMAIL" -> value.toLowerCase(Locale.ROOT);
      case "PHONE", "CREDIT_CARD", "US_SSN" -> value.replaceAll("[^0-9+]", "");
      case "IBAN" -> value.replace(" ", "");
      default -> value;
    };
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      if (hashKey != null) m.init(hashKey);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A redactor for text that arrives in pieces (a streamed answer). */
  public StreamRedactor stream(TypeSet types, Counts counts, Vault vault) {
    return new StreamRedactor(this, types, counts, vault);
  }

  /** Configuration; ids of custom types must not clash with built-in names (the policy validates that). */
  public static final class Builder {
    private Operator operator = Operator.TAG;
    private final List<String> customIds = new ArrayList<>();
    private final List<SafePattern> customPatterns = new ArrayList<>();
    private final List<List<String>> customTerms = new ArrayList<>();
    private final List<String> allowValues = new ArrayList<>();
    private final List<SafePattern> allowPatterns = new ArrayList<>();
    private byte[] hashKey;

    public Builder operator(Operator op) {
      this.operator = op;
      return this;
    }

    public Builder pattern(String id, String regex) {
      customIds.add(id);
      customPatterns.add(SafePattern.compile(regex));
      customTerms.add(null);
      return this;
    }

    public Builder terms(String id, List<String> terms) {
      customIds.add(id);
      customPatterns.add(null);
      customTerms.add(List.copyOf(terms));
      return this;
    }

    public Builder allowValue(String value) {
      allowValues.add(value);
      return this;
    }

    public Builder allowPattern(String regex) {
      allowPatterns.add(SafePattern.compile(regex));
      return this;
    }

    public Builder hashKey(byte[] key) {
      this.hashKey = key.clone();
      return this;
    }

    public Redactor build() {
      return new Redactor(this);
    }
  }
}
