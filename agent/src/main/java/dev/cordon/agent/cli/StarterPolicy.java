package dev.cordon.agent.cli;

import dev.cordon.policy.Action;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A least-privilege starting point built from observed calls: exactly what was seen is allowed,
 * nothing more, and the result runs in monitor mode so adopting it blocks nothing until a person
 * has reviewed it.
 *
 * <p>Principals are placeholders: an audit line says which principal id a call was made as and
 * from which frame, not how the policy recognised it. Calls no principal matched (every call of a
 * discovery run without a policy) get one principal per caller package, because "the code in
 * com.acme.billing" is usually the unit of least privilege; without a caller they stay
 * {@code anonymous}. Calls an explicit deny rule refused are left out: someone decided those.
 */
final class StarterPolicy {
  private static final String ANONYMOUS = "anonymous";
  /** A class glob that matches no real code: a placeholder that grants nothing until edited. */
  private static final String NO_CODE = "TODO.replace.me.**";

  private static final class PrincipalSketch {
    final String observedAs;
    final Set<String> codeGlobs = new LinkedHashSet<>();
    String sampleCaller;

    PrincipalSketch(String observedAs) {
      this.observedAs = observedAs;
    }
  }

  private record ModelSketch(String provider, String name) {}

  private static final class DatasetSketch {
    final Set<String> paths = new LinkedHashSet<>();
    final Set<String> jdbcUrls = new LinkedHashSet<>();
    boolean sqlWithoutUrl;
  }

  private final Map<String, PrincipalSketch> principals = new LinkedHashMap<>();
  private final Map<String, String> principalIdByPackage = new LinkedHashMap<>();
  private final Map<String, String> principalIdByName = new LinkedHashMap<>();
  private final Map<String, ModelSketch> models = new LinkedHashMap<>();
  private final Map<String, String> modelIdByName = new LinkedHashMap<>();
  private final Map<String, DatasetSketch> datasets = new LinkedHashMap<>();
  /** principal id, then action, to the resources seen in first-seen order. */
  private final Map<String, Map<String, Set<String>>> grants = new LinkedHashMap<>();
  private final Set<String> services = new LinkedHashSet<>();
  /** Resources that could not be granted, with the reason. */
  private final Map<String, String> unresolved = new LinkedHashMap<>();
  private long calls;
  private long deniedByRule;
  private long withoutResource;

  void add(ObservedCall c) {
    if (c.action() == null || Action.fromWire(c.action()) == null) return; // policy.load, errors...
    if (c.resource() == null || c.resource().isEmpty()) {
      withoutResource++;
      return;
    }
    if (c.deniedByRule()) {
      deniedByRule++;
      return;
    }
    String resource = resource(c);
    if (resource == null) return;
    calls++;
    if (c.service() != null) services.add(c.service());
    grants.computeIfAbsent(principal(c), k -> new LinkedHashMap<>())
        .computeIfAbsent(c.action(), k -> new LinkedHashSet<>())
        .add(resource);
  }

  /** The principal id the starter policy grants this call to (declaring it if needed). */
  private String principal(ObservedCall c) {
    String observed = c.principal() == null || c.principal().isEmpty() ? ANONYMOUS : c.principal();
    String pkg = c.callerPackage();
    if (observed.equals(ANONYMOUS)) {
      if (pkg == null) return ANONYMOUS;
      String id = principalIdByPackage.computeIfAbsent(pkg,
          p -> unique(Ids.sanitize(p, "code"), principals.keySet(), ""));
      PrincipalSketch s = principals.computeIfAbsent(id, k -> new PrincipalSketch(ANONYMOUS));
      note(s, pkg, c.caller());
      return id;
    }
    String id = principalIdByName.computeIfAbsent(observed,
        o -> unique(Ids.sanitize(o, "principal"), principals.keySet(), ""));
    PrincipalSketch s = principals.computeIfAbsent(id, k -> new PrincipalSketch(observed));
    if (pkg != null) note(s, pkg, c.caller());
    return id;
  }

  private static void note(PrincipalSketch s, String pkg, String caller) {
    // A package glob; a class in the default package is matched by its own name.
    s.codeGlobs.add(pkg.indexOf('.') < 0 && Character.isUpperCase(pkg.charAt(0)) ? pkg : pkg + ".**");
    if (s.sampleCaller == null) s.sampleCaller = caller;
  }

  /** The resource as the starter policy names it, declaring models and datasets; null if it cannot. */
  private String resource(ObservedCall c) {
    String r = c.resource();
    // Policy globs treat '*' as a wildcard and refuse control characters: such a name cannot be
    // written down exactly, and widening it is a decision for a person.
    if (hasControl(r) || (c.path() != null && hasControl(c.path()))) {
      return leaveOut(r, "control characters cannot be written in a policy");
    }
    if (r.startsWith("model:")) return modelResource(c, r.substring("model:".length()));
    if (r.startsWith("dataset:")) {
      String id = r.substring("dataset:".length());
      if (id.isEmpty() || id.contains("=") || id.contains("*") || !Ids.valid(id)) {
        return leaveOut(r, "not one dataset id");
      }
      DatasetSketch d = datasets.computeIfAbsent(id, k -> new DatasetSketch());
      if (c.path() != null && !c.path().isEmpty() && !c.path().contains("*")) d.paths.add(c.path());
      if (c.jdbcUrl() != null && c.jdbcUrl().startsWith("jdbc:")) d.jdbcUrls.add(c.jdbcUrl());
      else if (c.path() == null) d.sqlWithoutUrl = true;
      return r;
    }
    if (r.startsWith("vector:") && r.length() > "vector:".length() && !r.contains("*")) return r;
    return leaveOut(r, "not a resource this version knows");
  }

  private String leaveOut(String resource, String why) {
    unresolved.putIfAbsent(resource, why);
    return null;
  }

  private String modelResource(ObservedCall c, String rest) {
    String provider;
    String name;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      provider = rest.substring(0, slash);
      name = rest.substring(slash + 1);
    } else {
      // model:<id> of the run's policy: redeclare it from the provider and model seen.
      provider = c.provider();
      name = c.model();
    }
    if (provider == null || name == null || name.isEmpty()) {
      return leaveOut(c.resource(), "the audit does not say which provider and model it is");
    }
    if (name.contains("*") || hasControl(name)) {
      return leaveOut(c.resource(), "the model name cannot be written as an exact policy name");
    }
    if (!PROVIDERS.contains(provider)) {
      return "model:*/" + name;
    }
    String key = provider + "/" + name;
    String id = modelIdByName.get(key);
    if (id == null) {
      String base = slash < 0 && Ids.valid(rest) ? rest : Ids.sanitize(name, "model");
      id = unique(base, models.keySet(), "-" + provider);
      modelIdByName.put(key, id);
      models.put(id, new ModelSketch(provider, name));
    }
    return "model:" + id;
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  /** Provider names the policy accepts (spec 2). */
  private static final Set<String> PROVIDERS =
      Set.of("openai", "azure-openai", "anthropic", "gemini", "bedrock", "ollama");

  private static String unique(String base, Set<String> taken, String firstSuffix) {
    if (!taken.contains(base) && !base.equals(ANONYMOUS)) return base;
    String candidate = base + firstSuffix;
    for (int i = 2; taken.contains(candidate) || candidate.equals(ANONYMOUS) || candidate.equals(base); i++) {
      candidate = base + "-" + i;
    }
    return candidate;
  }

  void write(PrintStream out, String source) {
    out.println("# Starter policy suggested by `cordon suggest` from " + YamlText.comment(source) + ":");
    out.println("# " + calls + " AI and data calls seen; each rule allows exactly what was seen.");
    out.println("# Review every principal's match (they are placeholders), then switch to enforce.");
    out.println("version: 1");
    out.println("mode: monitor");
    if (services.size() == 1) out.println("service: " + YamlText.scalar(services.iterator().next()));
    writePrincipals(out);
    writeModels(out);
    writeDatasets(out);
    writeRules(out);
    writeLeftOut(out);
  }

  private void writePrincipals(PrintStream out) {
    if (principals.isEmpty()) return;
    out.println();
    out.println("principals:");
    principals.forEach((id, s) -> {
      String seen = s.sampleCaller == null ? "" : ", e.g. " + YamlText.comment(s.sampleCaller);
      if (s.observedAs.equals(ANONYMOUS)) {
        out.println("  # placeholder: calls no principal matched, made from this code" + seen);
      } else {
        out.println("  # placeholder for principal '" + YamlText.comment(s.observedAs)
            + "': check how it should be recognised" + seen);
      }
      List<String> code = new ArrayList<>(s.codeGlobs);
      if (code.isEmpty()) {
        out.println("  # TODO: no caller was recorded; name the code (or threads) of this principal");
        code.add(NO_CODE);
      }
      out.println("  - id: " + YamlText.scalar(id));
      out.println("    match: { code: " + YamlText.flowList(code, true) + " }");
    });
  }

  private void writeModels(PrintStream out) {
    if (models.isEmpty()) return;
    out.println();
    out.println("models:");
    models.forEach((id, m) -> {
      out.println("  - id: " + YamlText.scalar(id));
      out.println("    provider: " + m.provider());
      // Exact name as seen; widen with '*' (e.g. "gpt-4o-mini*") to cover dated versions.
      out.println("    model: " + YamlText.quoted(m.name()));
    });
  }

  private void writeDatasets(PrintStream out) {
    if (datasets.isEmpty()) return;
    out.println();
    out.println("datasets:");
    datasets.forEach((id, d) -> {
      out.println("  # placeholder: add env and labels; files are the exact paths seen");
      out.println("  - id: " + YamlText.scalar(id));
      if (!d.paths.isEmpty()) out.println("    files: " + YamlText.flowList(new ArrayList<>(d.paths), true));
      if (!d.jdbcUrls.isEmpty()) {
        out.println("    jdbc: { url: " + YamlText.quoted(d.jdbcUrls.iterator().next()) + " }");
      } else if (d.sqlWithoutUrl || d.paths.isEmpty()) {
        out.println("    # TODO: the audit does not name this database; narrow the URL and list tables");
        out.println("    jdbc: { url: \"jdbc:*\" }");
      }
    });
  }

  private void writeRules(PrintStream out) {
    if (grants.isEmpty()) return;
    out.println();
    out.println("rules:");
    Set<String> ruleIds = new LinkedHashSet<>();
    grants.forEach((principal, byAction) -> byAction.forEach((action, resources) -> {
      String id = unique(Ids.sanitize(principal + "-" + action.replace('.', '-'), "rule"), ruleIds, "");
      ruleIds.add(id);
      if (principal.equals(ANONYMOUS)) {
        out.println("  # calls no principal matched and no caller was recorded for");
      }
      out.println("  - id: " + YamlText.scalar(id));
      out.println("    effect: allow");
      out.println("    principals: [" + YamlText.scalar(principal) + "]");
      out.println("    actions: [" + action + "]");
      out.println("    resources: " + YamlText.flowList(new ArrayList<>(resources), true));
    }));
  }

  private void writeLeftOut(PrintStream out) {
    if (deniedByRule == 0 && withoutResource == 0 && unresolved.isEmpty()) return;
    out.println();
    if (deniedByRule > 0) {
      out.println("# left out: " + deniedByRule + " calls an explicit deny rule refused");
    }
    if (withoutResource > 0) {
      out.println("# left out: " + withoutResource + " calls without a resource");
    }
    unresolved.forEach((r, why) ->
        out.println("# left out: " + YamlText.comment(r) + " (" + why + ")"));
  }
}
