package dev.cordon.agent.ai;

/** Token usage as the provider reported it; -1 where it did not. */
public record Usage(long inputTokens, long outputTokens) {
  public static final Usage NONE = new Usage(-1, -1);

  public boolean known() {
    return inputTokens >= 0 || outputTokens >= 0;
  }
}
