package dev.cordon.it.clients;

import dev.cordon.examples.fake.FakeOpenAiServer;
import java.util.ArrayList;
import java.util.List;

/** What reached the fake provider, for comparing runs with and without the agent. */
final class Wire {
  private Wire() {}

  /** Method, path and body of each request; ids the fake made up at random (tool call ids echoed back) are blanked. */
  static List<String> bodies(List<FakeOpenAiServer.RecordedRequest> requests) {
    List<String> out = new ArrayList<>();
    for (FakeOpenAiServer.RecordedRequest r : requests) {
      out.add(r.method() + " " + r.path() + " " + RANDOM_IDS.matcher(r.body()).replaceAll("$1*"));
    }
    return out;
  }

  private static final java.util.regex.Pattern RANDOM_IDS = java.util.regex.Pattern.compile("(call_|toolu_01)[A-Za-z0-9]+");
}
