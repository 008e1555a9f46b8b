package dev.cordon.it.clients;

import dev.cordon.examples.fake.FakeOpenAiServer;
import java.util.ArrayList;
import java.util.List;

/** What reached the fake provider, for comparing runs with and without the agent. */
final class Wire {
  private Wire() {}

  static List<String> bodies(List<FakeOpenAiServer.RecordedRequest> requests) {
    List<String> out = new ArrayList<>();
    for (FakeOpenAiServer.RecordedRequest r : requests) out.add(r.method() + " " + r.path() + " " + r.body());
    return out;
  }
}
