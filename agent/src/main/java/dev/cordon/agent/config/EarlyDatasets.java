package dev.cordon.agent.config;

import dev.cordon.policy.EarlyFileDatasets;
import dev.cordon.policy.FileGlobSet;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import dev.cordon.policy.load.DatasetsSection;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the policy's file datasets are, known ahead of the whole policy: what a file open needs to
 * know before the application may start (is this path in a dataset at all?). Every dataset access is
 * still decided with the whole policy, once it is in force; only opens outside every dataset go ahead
 * without it.
 *
 * <p>First without the YAML parser ({@link EarlyFileDatasets}: every value of the section taken as a
 * glob, a superset, in a few milliseconds of a cold JVM). When that reader cannot be sure, the section alone is
 * parsed (loading the parser costs a cold JVM ~0.2 s, still less than the rules); when even that
 * could differ from the whole policy's reading (a JSON policy, no top-level {@code datasets:} line or
 * more than one, a section that does not parse on its own, such as an alias to an anchor outside it)
 * the answer is null and the application waits for the whole policy.
 */
public final class EarlyDatasets {
  private EarlyDatasets() {}

  /** The datasets' file globs (a superset), or null when they cannot be told soundly. */
  public static FileGlobSet read(Path policy) {
    if (policy == null || policy.getFileName().toString().endsWith(".json")) return null;
    // FileInputStream, not Files: its classes are loaded already, NIO's channels may not be (start-up).
    try (InputStream in = new FileInputStream(policy.toFile())) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      FileGlobSet ahead = EarlyFileDatasets.read(text, policy);
      if (ahead != null) return ahead;
      String section = DatasetsSection.of(text);
      if (section == null) return null;
      // The mode is required but means nothing here: this policy only tells where datasets are.
      Policy datasetsOnly = PolicyLoader.parse("version: 1\nmode: monitor\n" + section, policy.toString(), false,
          policy.toAbsolutePath().normalize().getParent());
      return EarlyFileDatasets.of(datasetsOnly);
    } catch (Exception | LinkageError e) {
      return null;
    }
  }
}
